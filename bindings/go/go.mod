module github.com/airbyte-cloud/libairbyte_cloud/bindings/go

go 1.19
