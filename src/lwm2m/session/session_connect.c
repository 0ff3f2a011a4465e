/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <avsystem/commons/avs_utils.h>

#include "../objects/security_config.h"
#include "session.h"

static bool has_prefix_nocase(const char *text, const char *prefix) {
    for (; *prefix; ++text, ++prefix) {
        if (tolower((unsigned char) *text) != *prefix) {
            return false;
        }
    }
    return true;
}

int tern_sess_uri_parse(const char *uri, tern_sess_uri_t *out) {
    static const struct {
        const char *prefix;
        bool secure;
        bool tcp;
        const char *port;
    } SCHEMES[] = {{"coap://", false, false, "5683"},
                   {"coaps://", true, false, "5684"},
                   {"coap+tcp://", false, true, "5683"},
                   {"coaps+tcp://", true, true, "5684"}};
    memset(out, 0, sizeof(*out));
    const char *rest = NULL;
    const char *default_port = NULL;
    for (size_t i = 0; i < AVS_ARRAY_SIZE(SCHEMES); ++i) {
        if (has_prefix_nocase(uri, SCHEMES[i].prefix)) {
            rest = uri + strlen(SCHEMES[i].prefix);
            out->secure = SCHEMES[i].secure;
            out->tcp = SCHEMES[i].tcp;
            default_port = SCHEMES[i].port;
            break;
        }
    }
    if (!rest) {
        return -1;
    }
    const char *host = rest;
    const char *host_end;
    if (*host == '[') {
        ++host;
        /* A delimiter before the closing bracket means the literal never
         * closed within the authority. */
        host_end = host + strcspn(host, "[]/?#");
        if (*host_end != ']') {
            return -1;
        }
        rest = host_end + 1;
    } else {
        /* Brackets belong only around an IP literal; stopping at one here
         * makes the check below reject it. */
        host_end = host + strcspn(host, ":/?#[]");
        rest = host_end;
    }
    size_t host_len = (size_t) (host_end - host);
    if (!host_len || host_len >= sizeof(out->host)) {
        return -1;
    }
    memcpy(out->host, host, host_len);
    if (*rest == ':') {
        ++rest;
        size_t port_len = strspn(rest, "0123456789");
        if (!port_len || port_len >= sizeof(out->port) ||
            (rest[port_len] && !strchr("/?#", rest[port_len]))) {
            return -1;
        }
        /* The resolver truncates a larger number to 16 bits, which would
         * silently connect to some other port. */
        unsigned long port = strtoul(rest, NULL, 10);
        if (port < 1 || port > 65535) {
            return -1;
        }
        memcpy(out->port, rest, port_len);
    } else if (*rest && !strchr("/?#", *rest)) {
        return -1;
    } else {
        strcpy(out->port, default_port);
    }
    return 0;
}

/* The Server Public Key resource names the one certificate the server may
 * present; it reaches the (D)TLS layer as a single DANE TLSA record. */
static avs_error_t set_dane_record(tern_sess_server_t *srv) {
    const tern_server_info_t *info = &srv->info;
    avs_net_socket_dane_tlsa_record_t record;
    memset(&record, 0, sizeof(record));
    record.certificate_usage =
            info->certificate_usage >= 0 && info->certificate_usage <= 3
                    ? (avs_net_socket_dane_certificate_usage_t)
                              info->certificate_usage
                    : AVS_NET_SOCKET_DANE_DOMAIN_ISSUED_CERTIFICATE;
    record.selector = AVS_NET_SOCKET_DANE_CERTIFICATE;
    record.matching_type =
            info->matching_type >= 0 && info->matching_type <= 2
                    ? (avs_net_socket_dane_matching_type_t) info->matching_type
                    : AVS_NET_SOCKET_DANE_MATCH_FULL;
    record.association_data = info->server_public_key;
    record.association_data_size = info->server_public_key_size;
    avs_net_socket_opt_value_t value;
    value.dane_tlsa_array.array_ptr = &record;
    value.dane_tlsa_array.array_element_count = 1;
    return avs_net_socket_set_opt(srv->socket,
                                  AVS_NET_SOCKET_OPT_DANE_TLSA_ARRAY, value);
}

static bool uses_dane(const tern_sess_server_t *srv) {
    return srv->info.security_mode == ANJAY_SECURITY_CERTIFICATE &&
           srv->info.server_public_key_size > 0;
}

static avs_error_t create_secure_socket(tern_sess_server_t *srv,
                                        avs_net_socket_configuration_t cfg) {
    anjay_t *anjay = srv->sess->anjay;
    anjay_security_config_t sec;
    if (tern_security_config_from_info(anjay, &srv->info, &sec)) {
        anjay_log(ERROR, "server %u: no usable credentials for %s",
                  (unsigned) srv->ssid, srv->info.uri);
        return avs_errno(AVS_EINVAL);
    }
    avs_net_ssl_configuration_t ssl;
    memset(&ssl, 0, sizeof(ssl));
    ssl.version = anjay->config.dtls_version;
    ssl.security = sec.security_info;
    if (uses_dane(srv)) {
        avs_net_certificate_info_t *cert = &ssl.security.data.cert;
        cert->dane = true;
        int usage = srv->info.certificate_usage >= 0
                            ? srv->info.certificate_usage
                            : AVS_NET_SOCKET_DANE_DOMAIN_ISSUED_CERTIFICATE;
        if (usage >= AVS_NET_SOCKET_DANE_TRUST_ANCHOR_ASSERTION) {
            /* DANE-TA / DANE-EE stand on their own: only the configured
             * trust store (if any) adds PKIX validation. */
            avs_net_certificate_info_t pkix =
                    anjay_security_config_pkix(anjay).security_info.data.cert;
            cert->server_cert_validation = pkix.server_cert_validation;
            cert->ignore_system_trust_store = pkix.ignore_system_trust_store;
            cert->trusted_certs = pkix.trusted_certs;
            cert->cert_revocation_lists = pkix.cert_revocation_lists;
        }
    }
    ssl.dtls_handshake_timeouts = &srv->sess->dtls_hs_timeouts;
    ssl.ciphersuites = sec.tls_ciphersuites;
    ssl.additional_configuration_clb = anjay->config.additional_tls_config_clb;
    ssl.backend_configuration = cfg;
    ssl.server_name_indication = sec.server_name_indication;
    ssl.use_connection_id = anjay->config.use_connection_id;
    ssl.prng_ctx = anjay->prng;
    avs_error_t err = srv->uri.tcp
                              ? avs_net_ssl_socket_create(&srv->socket, &ssl)
                              : avs_net_dtls_socket_create(&srv->socket, &ssl);
    if (avs_is_ok(err) && uses_dane(srv) &&
        avs_is_err(err = set_dane_record(srv))) {
        anjay_log(ERROR,
                  "server %u: the (D)TLS layer refused the Server "
                  "Public Key as a TLSA record",
                  (unsigned) srv->ssid);
        avs_net_socket_cleanup(&srv->socket);
    }
    return err;
}

static avs_error_t create_socket(tern_sess_server_t *srv) {
    anjay_t *anjay = srv->sess->anjay;
    avs_net_socket_configuration_t cfg = anjay->config.socket_config;
    /* Several servers may share udp_listen_port. */
    cfg.reuse_addr = 1;
    cfg.preferred_endpoint = &srv->preferred_endpoint;
    bool nosec = srv->info.security_mode == ANJAY_SECURITY_NOSEC;
    if (srv->uri.secure == nosec) {
        anjay_log(ERROR,
                  "server %u: Security Mode %d does not fit the URI "
                  "scheme of %s",
                  (unsigned) srv->ssid, (int) srv->info.security_mode,
                  srv->info.uri);
        return avs_errno(AVS_EINVAL);
    }
    avs_error_t err;
    if (srv->uri.secure) {
        err = create_secure_socket(srv, cfg);
    } else if (srv->uri.tcp) {
        err = avs_net_tcp_socket_create(&srv->socket, &cfg);
    } else {
        err = avs_net_udp_socket_create(&srv->socket, &cfg);
    }
    if (avs_is_err(err) && !srv->socket) {
        anjay_log(ERROR, "server %u: cannot create a socket for %s",
                  (unsigned) srv->ssid, srv->info.uri);
    }
    return err;
}

static int create_coap_ctx(tern_sess_server_t *srv) {
    tern_session_t *sess = srv->sess;
    const anjay_configuration_t *config = &sess->anjay->config;
    tern_coap_config_t coap;
    memset(&coap, 0, sizeof(coap));
    coap.transport =
            srv->uri.tcp ? TERN_COAP_TRANSPORT_TCP : TERN_COAP_TRANSPORT_UDP;
    coap.sched = sess->anjay->sched;
    coap.prng = sess->anjay->prng;
    coap.udp_tx_params = &sess->udp_tx_params;
    coap.in_buffer_size = config->in_buffer_size;
    coap.out_buffer_size = config->out_buffer_size;
    coap.msg_cache_size = config->msg_cache_size;
    coap.tcp_request_timeout = sess->tcp_request_timeout;
    coap.request_handler = tern_sess_handle_request;
    coap.request_handler_arg = srv;
    if (!(srv->coap = tern_coap_ctx_new(srv->socket, &coap))) {
        anjay_log(ERROR, "server %u: cannot create a CoAP context",
                  (unsigned) srv->ssid);
        return -1;
    }
    return 0;
}

/* Without security a server knows the client by its address, so the
 * previous local port is reused to keep the registration. A DTLS client is
 * known by its session instead, and a fresh port avoids servers (libcoap)
 * that ignore a new handshake from the address of a session just closed;
 * only a configured udp_listen_port is always honoured. */
static void bind_local_port(tern_sess_server_t *srv) {
    char port[8] = "";
    uint16_t listen_port = srv->sess->anjay->config.udp_listen_port;
    if (srv->local_port[0] && !srv->uri.secure) {
        memcpy(port, srv->local_port, sizeof(port));
    } else if (listen_port) {
        snprintf(port, sizeof(port), "%u", (unsigned) listen_port);
    }
    if (port[0] && avs_is_err(avs_net_socket_bind(srv->socket, NULL, port))) {
        anjay_log(DEBUG, "server %u: cannot bind local port %s; any port",
                  (unsigned) srv->ssid, port);
        avs_net_socket_close(srv->socket);
    }
}

avs_error_t tern_sess_connect(tern_sess_server_t *srv, bool *out_resumed) {
    *out_resumed = false;
    char previous_port[sizeof(srv->local_port)];
    memcpy(previous_port, srv->local_port, sizeof(previous_port));
    if (srv->connected) {
        tern_sess_disconnect(srv);
    }
    avs_error_t err = AVS_OK;
    if (!srv->socket && avs_is_err(err = create_socket(srv))) {
        return err;
    }
    if (!srv->uri.tcp) {
        bind_local_port(srv);
    }
    if (avs_is_err(err = avs_net_socket_connect(srv->socket, srv->uri.host,
                                                srv->uri.port))) {
        anjay_log(ERROR, "server %u: cannot connect to %s",
                  (unsigned) srv->ssid, srv->info.uri);
        anjay_t *anjay = srv->sess->anjay;
        if (srv->uri.secure && anjay->config.ssl_error_cb) {
            anjay->config.ssl_error_cb(anjay->config.ssl_error_cb_arg, anjay,
                                       srv->ssid, err);
        }
        avs_net_socket_close(srv->socket);
        return err;
    }
    if (avs_is_err(avs_net_socket_get_local_port(srv->socket, srv->local_port,
                                                 sizeof(srv->local_port)))) {
        srv->local_port[0] = '\0';
    }
    if (srv->uri.secure) {
        avs_net_socket_opt_value_t value;
        *out_resumed = avs_is_ok(avs_net_socket_get_opt(
                               srv->socket, AVS_NET_SOCKET_OPT_SESSION_RESUMED,
                               &value)) &&
                       value.flag;
    } else {
        *out_resumed = !srv->uri.tcp && previous_port[0] &&
                       !strcmp(previous_port, srv->local_port);
    }
    /* A stream connection starts over: a new CoAP context sends its CSM. */
    if (srv->uri.tcp) {
        *out_resumed = false;
        tern_sess_coap_free(srv);
    }
    if (!srv->coap && create_coap_ctx(srv)) {
        avs_net_socket_close(srv->socket);
        return avs_errno(AVS_ENOMEM);
    }
    srv->connected = true;
    anjay_log(INFO, "server %u: connected to %s from port %s%s",
              (unsigned) srv->ssid, srv->info.uri, srv->local_port,
              srv->uri.secure && *out_resumed ? ", session resumed" : "");
    return AVS_OK;
}

void tern_sess_disconnect(tern_sess_server_t *srv) {
    if (srv->socket) {
        avs_net_socket_close(srv->socket);
    }
    srv->connected = false;
    if (srv->uri.tcp) {
        tern_sess_coap_free(srv);
    }
}

void tern_sess_socket_bytes(tern_sess_server_t *srv, uint64_t *tx,
                            uint64_t *rx) {
    avs_net_socket_opt_value_t value;
    *tx = *rx = 0;
    if (!srv->socket) {
        return;
    }
    if (avs_is_ok(avs_net_socket_get_opt(
                srv->socket, AVS_NET_SOCKET_OPT_BYTES_SENT, &value))) {
        *tx = value.bytes_sent;
    }
    if (avs_is_ok(avs_net_socket_get_opt(
                srv->socket, AVS_NET_SOCKET_OPT_BYTES_RECEIVED, &value))) {
        *rx = value.bytes_received;
    }
}

void tern_sess_connection_free(tern_sess_server_t *srv) {
    tern_sess_coap_free(srv);
    if (srv->socket) {
        tern_sess_stats_account(srv->sess, srv->socket);
        avs_net_socket_cleanup(&srv->socket);
    }
    srv->connected = false;
}
