package airbytecloud

import "github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"

// DefinitionKind says which custom connector definitions of a workspace a call is about:
// source or destination definitions. The calls themselves are wrapped with issue 13; until
// then EXCLUDED.txt lists them.
type DefinitionKind int

const (
	DefinitionSource      DefinitionKind = 0 // /workspaces/{id}/definitions/sources
	DefinitionDestination DefinitionKind = 1 // /workspaces/{id}/definitions/destinations
)

var definitionKinds = []struct {
	kind DefinitionKind
	c    capi.Enum_SS_abc_definition_kind
}{
	{DefinitionSource, capi.ABC_DEFINITION_SOURCE},
	{DefinitionDestination, capi.ABC_DEFINITION_DESTINATION},
}
