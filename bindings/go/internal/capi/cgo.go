// Package capi is the SWIG-generated, C-shaped layer over include/airbyte_cloud.h. The go tool
// generates it from capi.swig at build time. Only package airbytecloud uses it.
package capi

// The library and its header come from pkg-config (set PKG_CONFIG_PATH for an uninstalled
// build). The -I below let SWIG find ../../airbyte_cloud_go.i and, through it, the shared
// "../airbyte_cloud.i": the go tool hands every -I of the package's CFLAGS to SWIG. In this
// repository that is bindings/airbyte_cloud.i (from -I${SRCDIR}/../..); in the published module
// (module.cmake), which cannot reach outside its own folder, a copy at the module root (from
// -I${SRCDIR}/..).

// #cgo pkg-config: airbyte_cloud
// #cgo CFLAGS: -I${SRCDIR}/.. -I${SRCDIR}/../..
import "C"
