#include "datasets/jwt.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <utility>
#include <vector>

#include "datasets/codec.h"

namespace airbyte_cloud::datasets::jwt {
namespace {

struct BioDeleter {
    void operator()(BIO *bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
struct MdContextDeleter {
    void operator()(EVP_MD_CTX *context) const { EVP_MD_CTX_free(context); }
};
using MdContextPtr = std::unique_ptr<EVP_MD_CTX, MdContextDeleter>;

// The most recent OpenSSL error as text (and the queue cleared), for messages.
std::string openssl_error() {
    unsigned long code = ERR_get_error();
    std::string text;
    if (code != 0) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        text = buffer;
    }
    ERR_clear_error();
    return text.empty() ? std::string("unknown OpenSSL error") : text;
}

struct Passphrase {
    std::string_view text;
};

// PEM password callback: hands over the passphrase, or fails (never prompts) when there is none.
int passphrase_callback(char *buffer, int size, int, void *user_data) {
    const auto *passphrase = static_cast<const Passphrase *>(user_data);
    if (passphrase == nullptr || passphrase->text.empty() || size <= 0) return 0;
    const std::size_t length = std::min(passphrase->text.size(), static_cast<std::size_t>(size));
    std::memcpy(buffer, passphrase->text.data(), length);
    return static_cast<int>(length);
}

std::string unescape_newlines(std::string_view pem) {
    std::string text(pem);
    if (text.find('\n') != std::string::npos) return text;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == 'n') {
            out.push_back('\n');
            ++i;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

std::string header_with(std::string_view kid) {
    std::string header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"";
    if (!kid.empty()) {
        header += ",\"kid\":";
        append_json_string(header, kid);
    }
    header += "}";
    return header;
}

}  // namespace

Key::Key(evp_pkey_st *key) : key_(key, [](evp_pkey_st *k) { EVP_PKEY_free(k); }) {}

StatusOr<Key> load_private_key(std::string_view pem, std::string_view passphrase, std::string_view what) {
    const std::string text = unescape_newlines(pem);
    if (text.find("-----BEGIN") == std::string::npos) {
        return InvalidArgument(std::string(what) + " is not a PEM key (no '-----BEGIN' line)");
    }
    const bool encrypted = text.find("ENCRYPTED") != std::string::npos;
    if (encrypted && passphrase.empty()) {
        return InvalidArgument(std::string(what) + " is encrypted and no passphrase was given");
    }
    ERR_clear_error();
    BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
    if (!bio) return Status(StatusCode::kOutOfMemory, "out of memory reading " + std::string(what));
    Passphrase secret{passphrase};
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio.get(), nullptr, passphrase_callback, &secret);
    if (key == nullptr) {
        const std::string reason = openssl_error();
        return InvalidArgument("cannot read " + std::string(what) +
                               (encrypted ? " (wrong passphrase?): " : ": ") + reason);
    }
    Key result(key);
    if (EVP_PKEY_base_id(key) != EVP_PKEY_RSA) {
        return InvalidArgument(std::string(what) + " is not an RSA key; RS256 needs RSA");
    }
    return result;
}

StatusOr<Key> load_public_key(std::string_view pem) {
    ERR_clear_error();
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) return Status(StatusCode::kOutOfMemory, "out of memory reading a public key");
    EVP_PKEY *key = PEM_read_bio_PUBKEY(bio.get(), nullptr, passphrase_callback, nullptr);
    if (key == nullptr) return InvalidArgument("cannot read the public key: " + openssl_error());
    return Key(key);
}

StatusOr<std::string> public_key_pem(const Key &key) {
    if (!key) return InvalidArgument("no key");
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1) {
        return InternalError("cannot write the public key: " + openssl_error());
    }
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(length));
}

StatusOr<std::string> public_key_fingerprint(const Key &key) {
    if (!key) return InvalidArgument("no key");
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(key.get(), &der);
    if (length <= 0) return InternalError("cannot encode the public key: " + openssl_error());
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(der, static_cast<std::size_t>(length), digest);
    OPENSSL_free(der);
    return "SHA256:" + base64_encode(std::string_view(reinterpret_cast<const char *>(digest), sizeof digest));
}

StatusOr<std::string> sign(const Key &key, std::string_view header_json, std::string_view claims_json) {
    if (!key) return InvalidArgument("no signing key");
    std::string token = base64url_encode(header_json);
    token.push_back('.');
    token += base64url_encode(claims_json);

    ERR_clear_error();
    MdContextPtr context(EVP_MD_CTX_new());
    if (!context) return Status(StatusCode::kOutOfMemory, "out of memory signing a token");
    std::size_t length = 0;
    if (EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSignUpdate(context.get(), token.data(), token.size()) != 1 ||
        EVP_DigestSignFinal(context.get(), nullptr, &length) != 1) {
        return InternalError("cannot sign the token: " + openssl_error());
    }
    std::vector<unsigned char> signature(length);
    if (EVP_DigestSignFinal(context.get(), signature.data(), &length) != 1) {
        return InternalError("cannot sign the token: " + openssl_error());
    }
    token.push_back('.');
    token += base64url_encode(std::string_view(reinterpret_cast<const char *>(signature.data()), length));
    return token;
}

bool verify(const Key &key, std::string_view token) {
    if (!key) return false;
    const std::size_t first = token.find('.');
    const std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) return false;
    const std::string header = decode_part(token, 0);
    if (header.find("\"alg\":\"RS256\"") == std::string::npos) return false;
    std::optional<std::string> signature = base64_decode(token.substr(second + 1));
    if (!signature) return false;
    const std::string_view signed_part = token.substr(0, second);
    MdContextPtr context(EVP_MD_CTX_new());
    if (!context) return false;
    const bool ok =
        EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
        EVP_DigestVerifyUpdate(context.get(), signed_part.data(), signed_part.size()) == 1 &&
        EVP_DigestVerifyFinal(context.get(), reinterpret_cast<const unsigned char *>(signature->data()),
                              signature->size()) == 1;
    ERR_clear_error();
    return ok;
}

std::string decode_part(std::string_view token, int part) {
    std::size_t start = 0;
    for (int i = 0; i < part; ++i) {
        start = token.find('.', start);
        if (start == std::string_view::npos) return std::string();
        ++start;
    }
    const std::size_t end = token.find('.', start);
    std::optional<std::string> decoded =
        base64_decode(token.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    return decoded ? *decoded : std::string();
}

std::string snowflake_account_for_jwt(std::string_view account_identifier) {
    std::string_view account = account_identifier;
    const std::size_t cut = account.find(".global") != std::string_view::npos ? account.find('-') : account.find('.');
    if (cut != std::string_view::npos) account = account.substr(0, cut);
    return upper_ascii(account);
}

namespace {

// {"<name>":"<value>",...,"iat":issued_at,"exp":issued_at+lifetime}: the claims in the order given.
std::string claims_json(std::initializer_list<std::pair<const char *, std::string>> texts, std::int64_t issued_at,
                        std::int64_t lifetime_seconds) {
    std::string claims = "{";
    for (const auto &[name, value] : texts) {
        claims += claims.size() > 1 ? ",\"" : "\"";
        claims += std::string(name) + "\":";
        append_json_string(claims, value);
    }
    claims += ",\"iat\":" + std::to_string(issued_at);
    claims += ",\"exp\":" + std::to_string(issued_at + lifetime_seconds);
    return claims + "}";
}

}  // namespace

std::string snowflake_claims_json(std::string_view account_identifier, std::string_view user,
                                  std::string_view fingerprint, std::int64_t issued_at,
                                  std::int64_t lifetime_seconds) {
    const std::string subject =
        snowflake_account_for_jwt(account_identifier) + "." + upper_ascii(user);
    return claims_json({{"iss", subject + "." + std::string(fingerprint)}, {"sub", subject}}, issued_at,
                       lifetime_seconds);
}

StatusOr<std::string> snowflake_token(const Key &key, std::string_view account_identifier,
                                      std::string_view user, std::int64_t issued_at,
                                      std::int64_t lifetime_seconds) {
    if (lifetime_seconds <= 0 || lifetime_seconds > 3600) {
        return InvalidArgument("a Snowflake JWT lives at most one hour");
    }
    StatusOr<std::string> fingerprint = public_key_fingerprint(key);
    if (!fingerprint.ok()) return fingerprint.status();
    return sign(key, header_with(""),
                snowflake_claims_json(account_identifier, user, *fingerprint, issued_at, lifetime_seconds));
}

std::string google_claims_json(std::string_view client_email, std::string_view scope,
                               std::string_view audience, std::int64_t issued_at,
                               std::int64_t lifetime_seconds) {
    return claims_json({{"iss", std::string(client_email)}, {"scope", std::string(scope)}, {"aud", std::string(audience)}},
                       issued_at, lifetime_seconds);
}

StatusOr<std::string> google_assertion(const Key &key, std::string_view private_key_id,
                                       std::string_view client_email, std::string_view scope,
                                       std::string_view audience, std::int64_t issued_at,
                                       std::int64_t lifetime_seconds) {
    if (lifetime_seconds <= 0 || lifetime_seconds > 3600) {
        return InvalidArgument("a Google service-account assertion lives at most one hour");
    }
    return sign(key, header_with(private_key_id),
                google_claims_json(client_email, scope, audience, issued_at, lifetime_seconds));
}

}  // namespace airbyte_cloud::datasets::jwt
