package airbytecloud

import (
	"encoding/json"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// The destination configuration builders give the JSON the API expects for the warehouses
// PyAirbyte deploys its caches to. Pass a builder value as DestinationSpec.Configuration, or
// call its JSON method. Required text fields must be non-empty; optional ones may be "". The
// JSON holds the secrets given: do not log it.

// PostgresConfig configures destination-postgres.
type PostgresConfig struct {
	Host     string
	Port     int // 1..65535
	Database string
	Schema   string // e.g. "public"
	Username string
	Password string // optional
	SSLMode  string // optional: "disable", "allow", "prefer" or "require"
}

// JSON builds the configuration.
func (c PostgresConfig) JSON() (json.RawMessage, error) {
	port, err := cInt("port", c.Port)
	if err != nil {
		return nil, err
	}
	return buildConfig(func(out *string, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_destination_config_postgres(out, c.Host, port, c.Database, c.Schema, c.Username, c.Password, c.SSLMode, e)
	}, c.Host, c.Database, c.Schema, c.Username, c.Password, c.SSLMode)
}

// SnowflakePasswordConfig configures destination-snowflake with username and password.
type SnowflakePasswordConfig struct {
	Host      string // the account's host, e.g. "accountname.snowflakecomputing.com"
	Role      string
	Warehouse string
	Database  string
	Schema    string
	Username  string
	Password  string
}

// JSON builds the configuration.
func (c SnowflakePasswordConfig) JSON() (json.RawMessage, error) {
	return buildConfig(func(out *string, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_destination_config_snowflake_password(out, c.Host, c.Role, c.Warehouse, c.Database, c.Schema,
			c.Username, c.Password, e)
	}, c.Host, c.Role, c.Warehouse, c.Database, c.Schema, c.Username, c.Password)
}

// SnowflakeKeyPairConfig configures destination-snowflake with key-pair authentication.
type SnowflakeKeyPairConfig struct {
	Host               string
	Role               string
	Warehouse          string
	Database           string
	Schema             string
	Username           string
	PrivateKey         string // the PEM text of the key, not a path
	PrivateKeyPassword string // optional
}

// JSON builds the configuration.
func (c SnowflakeKeyPairConfig) JSON() (json.RawMessage, error) {
	return buildConfig(func(out *string, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_destination_config_snowflake_key_pair(out, c.Host, c.Role, c.Warehouse, c.Database, c.Schema,
			c.Username, c.PrivateKey, c.PrivateKeyPassword, e)
	}, c.Host, c.Role, c.Warehouse, c.Database, c.Schema, c.Username, c.PrivateKey, c.PrivateKeyPassword)
}

// BigQueryConfig configures destination-bigquery.
type BigQueryConfig struct {
	ProjectID       string
	DatasetID       string
	DatasetLocation string // e.g. "US", "EU", "europe-west1"
	CredentialsJSON string // the service-account key file's content, or "" (self-managed)
}

// JSON builds the configuration.
func (c BigQueryConfig) JSON() (json.RawMessage, error) {
	return buildConfig(func(out *string, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_destination_config_bigquery(out, c.ProjectID, c.DatasetID, c.DatasetLocation, c.CredentialsJSON, e)
	}, c.ProjectID, c.DatasetID, c.DatasetLocation, c.CredentialsJSON)
}

// DuckDBConfig configures destination-duckdb.
type DuckDBConfig struct {
	DestinationPath  string // e.g. "/local/file.duckdb", or "md:<db>" for MotherDuck
	Schema           string // optional ("main")
	MotherDuckAPIKey string // required for "md:" paths
}

// JSON builds the configuration.
func (c DuckDBConfig) JSON() (json.RawMessage, error) {
	return buildConfig(func(out *string, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_destination_config_duckdb(out, c.DestinationPath, c.Schema, c.MotherDuckAPIKey, e)
	}, c.DestinationPath, c.Schema, c.MotherDuckAPIKey)
}

// MotherDuckConfig configures destination-motherduck.
type MotherDuckConfig struct {
	APIKey   string
	Database string // optional: "" is MotherDuck's default database
	Schema   string // optional
}

// JSON builds the configuration.
func (c MotherDuckConfig) JSON() (json.RawMessage, error) {
	return buildConfig(func(out *string, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_destination_config_motherduck(out, c.APIKey, c.Database, c.Schema, e)
	}, c.APIKey, c.Database, c.Schema)
}

func buildConfig(f func(*string, *capi.Error) capi.Enum_SS_abc_status, texts ...string) (json.RawMessage, error) {
	for _, t := range texts {
		if err := checkText("setting", t); err != nil {
			return nil, err
		}
	}
	var out string
	var e capi.Error
	if err := takeError(f(&out, &e), e, nil); err != nil {
		return nil, err
	}
	return json.RawMessage(out), nil
}
