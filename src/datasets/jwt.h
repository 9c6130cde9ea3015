// RS256 JSON Web Tokens over OpenSSL's EVP interface, and the two token shapes the warehouse
// readers need: Snowflake key-pair authentication and Google's service-account assertion
// (claims exactly as ../shared/specs/WAREHOUSES.md §1.1 and §2.1 describe them).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, kept out of this header

namespace airbyte_cloud::datasets::jwt {

// An RSA key (private, or public only). Copies share the key.
class Key {
public:
    Key() = default;
    explicit Key(evp_pkey_st *key);  // takes ownership
    evp_pkey_st *get() const { return key_.get(); }
    explicit operator bool() const { return key_ != nullptr; }

private:
    std::shared_ptr<evp_pkey_st> key_;
};

// Loads an RSA private key from PEM: PKCS#8 ("BEGIN PRIVATE KEY"), encrypted PKCS#8 ("BEGIN
// ENCRYPTED PRIVATE KEY", needs `passphrase`) or PKCS#1 ("BEGIN RSA PRIVATE KEY"). Literal
// "\n" sequences (a PEM pasted into a one-line JSON field) are turned into line breaks first.
// Never prompts on a terminal. `what` names the key in messages ("the Snowflake private key").
StatusOr<Key> load_private_key(std::string_view pem, std::string_view passphrase, std::string_view what);
// Loads a public key from a "BEGIN PUBLIC KEY" PEM (for verification).
StatusOr<Key> load_public_key(std::string_view pem);
// The public half of `key` as a "BEGIN PUBLIC KEY" PEM.
StatusOr<std::string> public_key_pem(const Key &key);

// "SHA256:" + standard base64 of SHA-256 over the DER SubjectPublicKeyInfo: Snowflake's
// RSA_PUBLIC_KEY_FP.
StatusOr<std::string> public_key_fingerprint(const Key &key);

// header.claims.signature with RS256 (RSASSA-PKCS1-v1_5 over SHA-256); header and claims are
// compact JSON texts.
StatusOr<std::string> sign(const Key &key, std::string_view header_json, std::string_view claims_json);
// Whether `token` is a well-formed RS256 JWS whose signature verifies with `key`.
bool verify(const Key &key, std::string_view token);
// The decoded header or claims (part 0 or 1) of a compact JWS; "" when malformed.
std::string decode_part(std::string_view token, int part);

// Snowflake's account identifier for JWT claims: the part before the first '.' (or, for a
// ".global" identifier, before the first '-'), upper-cased. "xy12345.us-east-2.aws" -> "XY12345".
std::string snowflake_account_for_jwt(std::string_view account_identifier);

// {"iss":"ACCOUNT.USER.SHA256:fp","sub":"ACCOUNT.USER","iat":now,"exp":now+lifetime}, with
// account normalised and user upper-cased.
std::string snowflake_claims_json(std::string_view account_identifier, std::string_view user,
                                  std::string_view fingerprint, std::int64_t issued_at,
                                  std::int64_t lifetime_seconds);
// A signed key-pair JWT for Snowflake's SQL API. Lifetime at most one hour.
StatusOr<std::string> snowflake_token(const Key &key, std::string_view account_identifier,
                                      std::string_view user, std::int64_t issued_at,
                                      std::int64_t lifetime_seconds);

// {"iss":client_email,"scope":scope,"aud":audience,"iat":now,"exp":now+lifetime}
std::string google_claims_json(std::string_view client_email, std::string_view scope,
                               std::string_view audience, std::int64_t issued_at,
                               std::int64_t lifetime_seconds);
// {"alg":"RS256","typ":"JWT","kid":private_key_id} + the claims above, signed.
StatusOr<std::string> google_assertion(const Key &key, std::string_view private_key_id,
                                       std::string_view client_email, std::string_view scope,
                                       std::string_view audience, std::int64_t issued_at,
                                       std::int64_t lifetime_seconds);

}  // namespace airbyte_cloud::datasets::jwt
