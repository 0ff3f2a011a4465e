/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Cipher suites: translating the IANA numbers of the configuration into what
 * OpenSSL accepts, keeping only suites that fit the security mode and are not
 * broken, and knowing how many bytes of a datagram each suite leaves for
 * application data.
 */
#include "openssl_socket.h"

#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_memory.h>

#include <string.h>

#include <openssl/evp.h>
#include <openssl/objects.h>

/* Forward secrecy first, then 16-byte tags, then CCM_8, which LwM2M servers
 * commonly require. CBC, SHA-1 and anything weaker are left out. */
static const char DEFAULT_PSK_SUITES[] =
        "ECDHE-PSK-CHACHA20-POLY1305:PSK-AES128-GCM-SHA256:"
        "PSK-AES256-GCM-SHA384:PSK-CHACHA20-POLY1305:PSK-AES128-CCM:"
        "PSK-AES256-CCM:PSK-AES128-CCM8:PSK-AES256-CCM8";
static const char DEFAULT_CERT_SUITES[] =
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
        "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:"
        "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:"
        "ECDHE-ECDSA-AES128-CCM:ECDHE-ECDSA-AES256-CCM:"
        "ECDHE-ECDSA-AES128-CCM8:ECDHE-ECDSA-AES256-CCM8";
static const char DEFAULT_TLS13_SUITES[] =
        "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:"
        "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_CCM_SHA256";

static bool is_tls13_suite(const SSL_CIPHER *cipher) {
    return SSL_CIPHER_get_kx_nid(cipher) == NID_kx_any;
}

static bool is_psk_suite(const SSL_CIPHER *cipher) {
    int kx = SSL_CIPHER_get_kx_nid(cipher);
    return kx == NID_kx_psk || kx == NID_kx_ecdhe_psk || kx == NID_kx_dhe_psk ||
           kx == NID_kx_rsa_psk;
}

/* Suites that no setting can enable: they do not encrypt or do not
 * authenticate the peer. */
static bool is_forbidden_suite(const SSL_CIPHER *cipher) {
    return SSL_CIPHER_get_cipher_nid(cipher) == NID_undef ||
           SSL_CIPHER_get_auth_nid(cipher) == NID_auth_null;
}

static bool append_name(char *list, size_t size, const char *name) {
    size_t used = strlen(list);
    size_t needed = strlen(name) + (used ? 1 : 0);
    if (used + needed + 1 > size) {
        return false;
    }
    if (used) {
        list[used++] = ':';
    }
    strcpy(list + used, name);
    return true;
}

static avs_error_t apply_lists(tern_tls_socket_t *sock, const char *tls12,
                               const char *tls13) {
    if (*tls12 && !SSL_CTX_set_cipher_list(sock->ctx, tls12)) {
        return tern_tls_library_error("cannot set the cipher suites");
    }
    if (!sock->dtls && !SSL_CTX_set_ciphersuites(sock->ctx, tls13)) {
        return tern_tls_library_error("cannot set the TLS 1.3 cipher suites");
    }
    if (!sock->dtls && !*tls12) {
        /* Only TLS 1.3 suites were listed. */
        if (!SSL_CTX_set_min_proto_version(sock->ctx, TLS1_3_VERSION)) {
            return tern_tls_library_error("cannot require TLS 1.3");
        }
    } else if (!sock->dtls && !*tls13) {
        if (SSL_CTX_get_min_proto_version(sock->ctx) == TLS1_3_VERSION) {
            avs_log(tls, ERROR,
                    "no listed cipher suite is usable with TLS 1.3, the "
                    "configured minimum version");
            return avs_errno(AVS_ENOTSUP);
        }
        /* Offering TLS 1.3 without a suite for it fails the handshake. */
        if (!SSL_CTX_set_max_proto_version(sock->ctx, TLS1_2_VERSION)) {
            return tern_tls_library_error("cannot limit the version");
        }
    }
    return AVS_OK;
}

avs_error_t
tern_tls_configure_ciphers(tern_tls_socket_t *sock,
                           const avs_net_socket_tls_ciphersuites_t *suites) {
    bool psk = sock->security_mode == AVS_NET_SECURITY_PSK;
    if (!suites->num_ids) {
        return apply_lists(sock, psk ? DEFAULT_PSK_SUITES : DEFAULT_CERT_SUITES,
                           sock->dtls ? "" : DEFAULT_TLS13_SUITES);
    }
    if (!suites->ids) {
        avs_log(tls, ERROR, "cipher suite list is NULL");
        return avs_errno(AVS_EINVAL);
    }
    SSL *probe = SSL_new(sock->ctx);
    if (!probe) {
        return tern_tls_library_error("cannot create an SSL object");
    }
    /* OpenSSL names are at most about 40 characters. */
    size_t list_size = suites->num_ids * 48 + 1;
    char *tls12 = (char *) avs_calloc(1, list_size);
    char *tls13 = (char *) avs_calloc(1, list_size);
    avs_error_t err = AVS_OK;
    if (!tls12 || !tls13) {
        avs_log(tls, ERROR, "out of memory");
        err = avs_errno(AVS_ENOMEM);
        goto finish;
    }
    for (size_t i = 0; i < suites->num_ids; ++i) {
        uint32_t id = suites->ids[i];
        if (id > 0xFFFF) {
            continue;
        }
        const unsigned char wire[2] = {(unsigned char) (id >> 8),
                                       (unsigned char) id};
        const SSL_CIPHER *cipher = SSL_CIPHER_find(probe, wire);
        if (!cipher) {
            avs_log(tls, DEBUG, "cipher suite 0x%04X unknown to OpenSSL",
                    (unsigned) id);
            continue;
        }
        if (is_forbidden_suite(cipher)) {
            avs_log(tls, WARNING,
                    "cipher suite %s refused: no encryption or no "
                    "authentication",
                    SSL_CIPHER_get_name(cipher));
            continue;
        }
        if (is_tls13_suite(cipher)) {
            if (!sock->dtls) {
                append_name(tls13, list_size, SSL_CIPHER_standard_name(cipher));
            }
            continue;
        }
        if (is_psk_suite(cipher) != psk) {
            avs_log(tls, DEBUG, "cipher suite %s skipped: not a %s suite",
                    SSL_CIPHER_get_name(cipher), psk ? "PSK" : "certificate");
            continue;
        }
        append_name(tls12, list_size, SSL_CIPHER_get_name(cipher));
    }
    if (!*tls12 && !*tls13) {
        avs_log(tls, ERROR,
                "none of the %u configured cipher suites is usable in %s mode",
                (unsigned) suites->num_ids, psk ? "PSK" : "certificate");
        err = avs_errno(AVS_ENOTSUP);
        goto finish;
    }
    err = apply_lists(sock, tls12, tls13);
finish:
    avs_free(tls12);
    avs_free(tls13);
    SSL_free(probe);
    return err;
}

typedef struct {
    int header;
    int explicit_iv;
    int tag;
    int block;
    int mac;
    bool tls13;
} record_shape_t;

static void shape_of(const SSL_CIPHER *cipher, bool dtls,
                     record_shape_t *shape) {
    memset(shape, 0, sizeof(*shape));
    shape->header = dtls ? 13 : 5;
    int nid = SSL_CIPHER_get_cipher_nid(cipher);
    const char *standard = SSL_CIPHER_standard_name(cipher);
    bool short_tag = standard && strstr(standard, "CCM_8") != NULL;
    if (is_tls13_suite(cipher)) {
        shape->tls13 = true;
        shape->tag = short_tag ? 8 : 16;
        return;
    }
    if (SSL_CIPHER_is_aead(cipher)) {
        shape->tag = short_tag ? 8 : 16;
        /* ChaCha20-Poly1305 derives its nonce; GCM and CCM send 8 bytes. */
        shape->explicit_iv = nid == NID_chacha20_poly1305 ? 0 : 8;
        return;
    }
    const EVP_MD *md = EVP_get_digestbynid(SSL_CIPHER_get_digest_nid(cipher));
    shape->mac = md ? EVP_MD_size(md) : 48;
    if (nid == NID_undef) {
        return;
    }
    const EVP_CIPHER *evp = EVP_get_cipherbynid(nid);
    int block = evp ? EVP_CIPHER_block_size(evp) : 16;
    if (block > 1) {
        shape->block = block;
        shape->explicit_iv = block;
    }
}

/* Bytes of plaintext one record can carry when the datagram (or segment) may
 * be @p inner_mtu bytes long. CBC is computed for both MAC orders, since
 * whether encrypt-then-MAC was negotiated is not visible through the public
 * API; the smaller result is kept. */
static int capacity_of(const record_shape_t *shape, int inner_mtu) {
    int budget = inner_mtu - shape->header;
    int result;
    if (shape->tls13) {
        result = budget - 1 - shape->tag;
    } else if (shape->block) {
        int etm = budget - shape->explicit_iv - shape->mac;
        etm -= etm % shape->block;
        etm -= 1;
        int mte = budget - shape->explicit_iv;
        mte -= mte % shape->block;
        mte -= shape->mac + 1;
        result = AVS_MIN(etm, mte);
    } else {
        result = budget - shape->explicit_iv - shape->tag - shape->mac;
    }
    return result > 0 ? result : 0;
}

int tern_tls_plaintext_capacity(const SSL_CIPHER *cipher, bool dtls,
                                int inner_mtu) {
    record_shape_t shape;
    shape_of(cipher, dtls, &shape);
    return capacity_of(&shape, inner_mtu);
}

int tern_tls_min_plaintext_capacity(SSL_CTX *ctx, bool dtls, int inner_mtu) {
    STACK_OF(SSL_CIPHER) *ciphers = SSL_CTX_get_ciphers(ctx);
    int result = -1;
    for (int i = 0; ciphers && i < sk_SSL_CIPHER_num(ciphers); ++i) {
        const SSL_CIPHER *cipher = sk_SSL_CIPHER_value(ciphers, i);
        if (dtls && is_tls13_suite(cipher)) {
            continue;
        }
        int capacity = tern_tls_plaintext_capacity(cipher, dtls, inner_mtu);
        if (result < 0 || capacity < result) {
            result = capacity;
        }
    }
    if (result < 0) {
        /* The worst case of any suite: CBC with SHA-384 and full padding. */
        result = inner_mtu - (dtls ? 13 : 5) - 16 - 48 - 16;
    }
    return result > 0 ? result : 0;
}
