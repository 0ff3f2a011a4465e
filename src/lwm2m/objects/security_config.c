/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <stdlib.h>
#include <string.h>

#include <avsystem/commons/avs_memory.h>
#include <avsystem/commons/avs_utils.h>

#include "../anjay_core.h"
#include "security_config.h"

struct tern_security_config_cache_struct {
    tern_server_info_t info;
};

void tern_security_config_cache_free(anjay_t *anjay) {
    if (anjay->security_config_cache) {
        tern_server_info_free(&anjay->security_config_cache->info);
        avs_free(anjay->security_config_cache);
        anjay->security_config_cache = NULL;
    }
}

static avs_net_certificate_info_t trust_store(anjay_t *anjay) {
    avs_net_certificate_info_t cert;
    memset(&cert, 0, sizeof(cert));
    cert.ignore_system_trust_store = !anjay->config.use_system_trust_store;
    cert.trusted_certs = anjay->config.trust_store_certs;
    cert.cert_revocation_lists = anjay->config.trust_store_crls;
    cert.rebuild_client_cert_chain = anjay->config.rebuild_client_cert_chain;
    cert.server_cert_validation = anjay->config.use_system_trust_store ||
                                  anjay->config.trust_store_certs.desc.source !=
                                          AVS_CRYPTO_DATA_SOURCE_EMPTY;
    return cert;
}

int tern_security_config_from_info(anjay_t *anjay,
                                   const tern_server_info_t *info,
                                   anjay_security_config_t *out) {
    memset(out, 0, sizeof(*out));
    switch (info->security_mode) {
        case ANJAY_SECURITY_PSK: {
            if (!info->public_cert_or_psk_identity_size ||
                !info->private_cert_or_psk_key_size) {
                anjay_log(DEBUG, "/0/%u: PSK credentials are not configured",
                          (unsigned) info->security_iid);
                return ANJAY_ERR_BAD_REQUEST;
            }
            avs_net_psk_info_t psk;
            psk.identity = avs_crypto_psk_identity_info_from_buffer(
                    info->public_cert_or_psk_identity,
                    info->public_cert_or_psk_identity_size);
            psk.key = avs_crypto_psk_key_info_from_buffer(
                    info->private_cert_or_psk_key,
                    info->private_cert_or_psk_key_size);
            out->security_info = avs_net_security_info_from_psk(psk);
            break;
        }
        case ANJAY_SECURITY_CERTIFICATE:
        case ANJAY_SECURITY_RPK: {
            if (!info->public_cert_or_psk_identity_size ||
                !info->private_cert_or_psk_key_size) {
                anjay_log(DEBUG,
                          "/0/%u: certificate credentials are not configured",
                          (unsigned) info->security_iid);
                return ANJAY_ERR_BAD_REQUEST;
            }
            avs_net_certificate_info_t cert = trust_store(anjay);
            if (info->server_public_key_size) {
                /* The server's own certificate is the only one to trust. */
                cert.server_cert_validation = true;
                cert.ignore_system_trust_store = true;
                cert.trusted_certs =
                        avs_crypto_certificate_chain_info_from_buffer(
                                info->server_public_key,
                                info->server_public_key_size);
            }
            cert.client_cert = avs_crypto_certificate_chain_info_from_buffer(
                    info->public_cert_or_psk_identity,
                    info->public_cert_or_psk_identity_size);
            cert.client_key = avs_crypto_private_key_info_from_buffer(
                    info->private_cert_or_psk_key,
                    info->private_cert_or_psk_key_size, NULL);
            out->security_info = avs_net_security_info_from_certificates(cert);
            break;
        }
        default:
            anjay_log(DEBUG, "/0/%u: Security Mode %d has no (D)TLS settings",
                      (unsigned) info->security_iid, (int) info->security_mode);
            return ANJAY_ERR_BAD_REQUEST;
    }
    if (info->ciphersuite_count) {
        out->tls_ciphersuites.ids = info->ciphersuites;
        out->tls_ciphersuites.num_ids = info->ciphersuite_count;
    } else {
        out->tls_ciphersuites = anjay->config.default_tls_ciphersuites;
    }
    out->server_name_indication = info->server_name_indication;
    return 0;
}

typedef struct {
    char scheme[16];
    char host[256];
    char port[8];
} uri_parts_t;

static const char *default_port(const char *scheme) {
    static const struct {
        const char *scheme;
        const char *port;
    } PORTS[] = {{"coap", "5683"},      {"coaps", "5684"}, {"coap+tcp", "5683"},
                 {"coaps+tcp", "5684"}, {"http", "80"},    {"https", "443"}};
    for (size_t i = 0; i < AVS_ARRAY_SIZE(PORTS); ++i) {
        if (!avs_strcasecmp(scheme, PORTS[i].scheme)) {
            return PORTS[i].port;
        }
    }
    return "";
}

/* scheme://host[:port][/...], host possibly a bracketed IPv6 literal. */
static int split_uri(const char *uri, uri_parts_t *out) {
    memset(out, 0, sizeof(*out));
    const char *sep = strstr(uri, "://");
    if (!sep || (size_t) (sep - uri) >= sizeof(out->scheme)) {
        return -1;
    }
    memcpy(out->scheme, uri, (size_t) (sep - uri));
    const char *host = sep + 3;
    const char *host_end;
    const char *rest;
    if (*host == '[') {
        ++host;
        if (!(host_end = strchr(host, ']'))) {
            return -1;
        }
        rest = host_end + 1;
    } else {
        host_end = host + strcspn(host, ":/?#");
        rest = host_end;
    }
    size_t host_len = (size_t) (host_end - host);
    if (!host_len || host_len >= sizeof(out->host)) {
        return -1;
    }
    memcpy(out->host, host, host_len);
    if (*rest == ':') {
        size_t port_len = strcspn(rest + 1, "/?#");
        if (!port_len || port_len >= sizeof(out->port)) {
            return -1;
        }
        memcpy(out->port, rest + 1, port_len);
    } else {
        strcpy(out->port, default_port(out->scheme));
    }
    return 0;
}

static int match_score(const uri_parts_t *wanted, const char *candidate) {
    uri_parts_t parts;
    if (!candidate || split_uri(candidate, &parts) ||
        avs_strcasecmp(parts.host, wanted->host)) {
        return 0;
    }
    return !avs_strcasecmp(parts.scheme, wanted->scheme) &&
                           !strcmp(parts.port, wanted->port)
                   ? 2
                   : 1;
}

int anjay_security_config_from_dm(anjay_t *anjay,
                                  anjay_security_config_t *out_config,
                                  const char *uri) {
    if (!anjay || !out_config || !uri) {
        return -1;
    }
    uri_parts_t wanted;
    if (split_uri(uri, &wanted)) {
        anjay_log(ERROR, "cannot parse URI \"%s\"", uri);
        return -1;
    }
    tern_server_info_t *servers;
    size_t count;
    if (tern_servers_list(anjay, &servers, &count)) {
        anjay_log(ERROR, "no Security Object to match \"%s\" against", uri);
        return -1;
    }
    size_t best = count;
    int best_score = 0;
    for (size_t i = 0; i < count && best_score < 2; ++i) {
        anjay_security_config_t config;
        int score = match_score(&wanted, servers[i].uri);
        if (score > best_score &&
            !tern_security_config_from_info(anjay, &servers[i], &config)) {
            best = i;
            best_score = score;
        }
    }
    int result = -1;
    if (best < count) {
        struct tern_security_config_cache_struct *cache =
                (struct tern_security_config_cache_struct *) avs_calloc(
                        1, sizeof(*cache));
        if (cache) {
            tern_security_config_cache_free(anjay);
            /* The config points into the account; move the account into
             * the cache so that the pointers stay valid. */
            cache->info = servers[best];
            memset(&servers[best], 0, sizeof(servers[best]));
            anjay->security_config_cache = cache;
            tern_security_config_from_info(anjay, &cache->info, out_config);
            result = 0;
        } else {
            anjay_log(ERROR, "out of memory returning a security config");
        }
    } else {
        anjay_log(ERROR,
                  "no Security Instance with credentials matches "
                  "\"%s\"",
                  uri);
    }
    tern_servers_list_free(servers, count);
    return result;
}

anjay_security_config_t anjay_security_config_pkix(anjay_t *anjay) {
    anjay_security_config_t config;
    memset(&config, 0, sizeof(config));
    config.security_info =
            avs_net_security_info_from_certificates(trust_store(anjay));
    config.tls_ciphersuites = anjay->config.default_tls_ciphersuites;
    return config;
}
