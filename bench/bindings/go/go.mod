module github.com/airbyte-cloud/libairbyte_cloud/bench/bindings/go

go 1.19

require github.com/airbyte-cloud/libairbyte_cloud/bindings/go v0.0.0

replace github.com/airbyte-cloud/libairbyte_cloud/bindings/go => ../../../bindings/go
