// A fresh RSA key pair for tests, made with OpenSSL at run time (no private key is committed).
// Header-only: include it where OpenSSL's libcrypto is linked. A key OpenSSL cannot make ends the
// test program (abort), whatever test framework runs it.
#pragma once

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace abctest {

struct RsaKeyPair {
    std::string private_pem;  // PKCS#8, encrypted with AES-256 when a passphrase was given
    std::string public_pem;
};

inline void require(bool ok, const char *what) {
    if (ok)
        return;
    std::fprintf(stderr, "make_rsa_key: %s failed\n", what);
    std::abort();
}

inline std::string bio_text(BIO *bio) {
    char *data = nullptr;
    long length = BIO_get_mem_data(bio, &data);
    std::string text(data, static_cast<std::size_t>(length));
    BIO_free(bio);
    return text;
}

// 2048 bits; `passphrase` (may be null) encrypts the private key.
inline RsaKeyPair make_rsa_key(const char *passphrase = nullptr) {
    EVP_PKEY *key = EVP_RSA_gen(2048);
    require(key != nullptr, "EVP_RSA_gen");
    BIO *bio = BIO_new(BIO_s_mem());
    const int written =
        passphrase != nullptr
            ? PEM_write_bio_PKCS8PrivateKey(bio, key, EVP_aes_256_cbc(), nullptr, 0, nullptr,
                                            const_cast<char *>(passphrase))
            : PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    require(written == 1, "writing the private key");
    RsaKeyPair pair;
    pair.private_pem = bio_text(bio);
    bio = BIO_new(BIO_s_mem());
    require(PEM_write_bio_PUBKEY(bio, key) == 1, "PEM_write_bio_PUBKEY");
    pair.public_pem = bio_text(bio);
    EVP_PKEY_free(key);
    return pair;
}

}  // namespace abctest
