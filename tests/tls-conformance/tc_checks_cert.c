/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Certificate mode: chain, address and name checks, expiry, revocation, SNI,
 * mutual authentication, fragmented handshakes, TLS 1.3 and DANE. Every
 * negative check has a positive twin against the same peer, so that a
 * failure can only come from the property under test. Credentials come from
 * every kind of source: files, directories, PEM and DER buffers, arrays and
 * lists.
 */
#include "tc.h"

#include <avsystem/commons/avs_list.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool start_cert_server(tc_peer_t *peer, int *port, bool dtls,
                              const char *cert, const char *const *more) {
    char cert_file[64], key_file[64];
    snprintf(cert_file, sizeof(cert_file), "%s.crt", cert);
    snprintf(key_file, sizeof(key_file), "%s.key", cert);
    const char *args[24] = {"-cert", tc_path(cert_file), "-key",
                            tc_path(key_file)};
    size_t argc = 4;
    for (size_t i = 0; more && more[i] && argc < 23; ++i) {
        args[argc++] = more[i];
    }
    args[argc] = NULL;
    return tc_start_s_server(peer, port, dtls, args);
}

/* Connects and reports the outcome as a reason: NULL when it matched
 * @p should_pass. */
static const char *attempt(const avs_net_ssl_configuration_t *config, bool dtls,
                           const char *host, int port, bool should_pass,
                           const char *what, const char *expected_log) {
    avs_net_socket_t *sock = NULL;
    avs_error_t err = tc_connect(&sock, config, dtls, host, port);
    const char *reason = NULL;
    if (should_pass && avs_is_err(err)) {
        reason = tc_reason("%s: connect failed: %s (%s)", what,
                           tc_describe(err), tc_last_log());
    } else if (!should_pass && avs_is_ok(err)) {
        reason = tc_reason("%s: connect succeeded", what);
    } else if (!should_pass && expected_log &&
               !strstr(tc_last_log(), expected_log)) {
        reason = tc_reason("%s: failed (%s), but the log does not name the "
                           "cause \"%s\": %s",
                           what, tc_describe(err), expected_log, tc_last_log());
    } else if (should_pass &&
               avs_is_err(err = avs_net_socket_send(sock, "ping\n", 5))) {
        reason = tc_reason("%s: send failed: %s", what, tc_describe(err));
    }
    avs_net_socket_cleanup(&sock);
    return reason;
}

static const char *run_against(const char *cert, const char *const *more,
                               bool dtls,
                               const avs_net_ssl_configuration_t *pass_config,
                               const char *pass_host,
                               const avs_net_ssl_configuration_t *fail_config,
                               const char *fail_host,
                               const char *expected_log) {
    tc_peer_t peer;
    int port;
    if (!start_cert_server(&peer, &port, dtls, cert, more)) {
        return tc_reason("cannot start openssl s_server");
    }
    const char *reason = NULL;
    if (pass_config) {
        reason = attempt(pass_config, dtls, pass_host, port, true, "control",
                         NULL);
    }
    if (!reason && fail_config) {
        reason = attempt(fail_config, dtls, fail_host, port, false,
                         "expected failure", expected_log);
    }
    tc_peer_stop(&peer);
    return reason;
}

const char *tc_cert_good_chain(void) {
    avs_net_ssl_configuration_t config = tc_cert_config();
    return run_against("server", NULL, true, &config, "localhost", NULL, NULL,
                       NULL);
}

const char *tc_cert_ip_address(void) {
    void *der = NULL;
    size_t der_size = 0;
    if (!tc_read_file("ca.der", &der, &der_size)) {
        return tc_reason("cannot read ca.der");
    }
    avs_net_ssl_configuration_t config = tc_cert_config();
    config.security.data.cert.trusted_certs =
            avs_crypto_certificate_chain_info_from_buffer(der, der_size);
    const char *reason = run_against("server", NULL, true, &config, "127.0.0.1",
                                     NULL, NULL, NULL);
    free(der);
    return reason;
}

const char *tc_cert_unknown_ca(void) {
    avs_net_ssl_configuration_t good = tc_cert_config();
    avs_net_ssl_configuration_t bad = tc_cert_config();
    bad.security.data.cert.trusted_certs =
            avs_crypto_certificate_chain_info_from_file(
                    tc_path("other-ca.crt"));
    return run_against("server", NULL, true, &good, "localhost", &bad,
                       "localhost", "certificate verify failed");
}

const char *tc_cert_expired(void) {
    avs_net_ssl_configuration_t config = tc_cert_config();
    avs_net_ssl_configuration_t lax = tc_cert_config();
    /* The same server is accepted when validation is switched off. */
    lax.security.data.cert.server_cert_validation = false;
    return run_against("expired", NULL, true, &lax, "localhost", &config,
                       "localhost", "expired");
}

const char *tc_cert_revoked(void) {
    void *crl = NULL;
    size_t crl_size = 0;
    if (!tc_read_file("ca.crl.der", &crl, &crl_size)) {
        return tc_reason("cannot read ca.crl.der");
    }
    avs_net_ssl_configuration_t without_crl = tc_cert_config();
    avs_net_ssl_configuration_t with_crl = tc_cert_config();
    /* Trust as an array and the CRL as a list: the shapes Anjay and its
     * downloader use. */
    avs_crypto_certificate_chain_info_t trust[1] = {
            avs_crypto_certificate_chain_info_from_file(tc_path("ca.crt"))};
    with_crl.security.data.cert.trusted_certs =
            avs_crypto_certificate_chain_info_from_array(trust, 1);
    AVS_LIST(avs_crypto_cert_revocation_list_info_t)
    crls = AVS_LIST_NEW_ELEMENT(avs_crypto_cert_revocation_list_info_t);
    if (!crls) {
        free(crl);
        return tc_reason("out of memory");
    }
    *crls = avs_crypto_cert_revocation_list_info_from_buffer(crl, crl_size);
    with_crl.security.data.cert.cert_revocation_lists =
            avs_crypto_cert_revocation_list_info_from_list(crls);
    const char *reason =
            run_against("revoked", NULL, true, &without_crl, "localhost",
                        &with_crl, "localhost", "revoked");
    AVS_LIST_CLEAR(&crls);
    free(crl);
    return reason;
}

const char *tc_cert_wrong_hostname(void) {
    avs_net_ssl_configuration_t config = tc_cert_config();
    return run_against("wronghost", NULL, true, NULL, NULL, &config,
                       "localhost", "hostname mismatch");
}

const char *tc_cert_sni_override(void) {
    avs_net_ssl_configuration_t config = tc_cert_config();
    config.server_name_indication = "other.test";
    avs_net_ssl_configuration_t plain = tc_cert_config();
    return run_against("wronghost", NULL, true, &config, "localhost", &plain,
                       "localhost", "hostname mismatch");
}

const char *tc_cert_mutual_auth(void) {
    void *der = NULL;
    size_t der_size = 0;
    if (!tc_read_file("client.der", &der, &der_size)) {
        return tc_reason("cannot read client.der");
    }
    const char *more[] = {"-CAfile", tc_path("ca.crt"),      "-Verify",
                          "1",       "-verify_return_error", NULL};
    avs_net_ssl_configuration_t with_cert = tc_cert_config();
    with_cert.security.data.cert.client_cert =
            avs_crypto_certificate_chain_info_from_buffer(der, der_size);
    with_cert.security.data.cert.client_key =
            avs_crypto_private_key_info_from_file(tc_path("client-enc.key"),
                                                  "tern-secret");
    avs_net_ssl_configuration_t without_cert = tc_cert_config();
    avs_net_dtls_handshake_timeouts_t timeouts;
    tc_set_timeouts(&without_cert, &timeouts, 300, 600);
    const char *reason =
            run_against("server", more, true, &with_cert, "localhost",
                        &without_cert, "localhost", NULL);
    if (!reason) {
        avs_net_ssl_configuration_t wrong_password = with_cert;
        wrong_password.security.data.cert.client_key =
                avs_crypto_private_key_info_from_file(tc_path("client-enc.key"),
                                                      "not-the-password");
        avs_net_socket_t *sock = NULL;
        avs_error_t err = avs_net_dtls_socket_create(&sock, &wrong_password);
        if (avs_is_ok(err)) {
            reason = tc_reason("a key with the wrong password was accepted");
        }
        avs_net_socket_cleanup(&sock);
    }
    free(der);
    return reason;
}

const char *tc_cert_fragmented_mtu256(void) {
    const char *more[] = {"-mtu", "256", NULL};
    avs_net_ssl_configuration_t config = tc_cert_config();
    config.backend_configuration.forced_mtu = 256;
    return run_against("server", more, true, &config, "localhost", NULL, NULL,
                       NULL);
}

const char *tc_tls13_cert_tcp(void) {
    const char *args[] = {"-tls1_3",
                          "-cert",
                          tc_path("server.crt"),
                          "-key",
                          tc_path("server.key"),
                          NULL};
    tc_peer_t peer;
    int port;
    if (!tc_start_s_server(&peer, &port, false, args)) {
        return tc_reason("cannot start openssl s_server");
    }
    avs_net_ssl_configuration_t config = tc_cert_config();
    config.version = AVS_NET_SSL_VERSION_TLSv1_3;
    /* A directory, holding a file that is no certificate as well. */
    config.security.data.cert.trusted_certs =
            avs_crypto_certificate_chain_info_from_path(tc_path("trust"));
    avs_net_socket_t *sock = NULL;
    const char *reason = NULL;
    avs_net_socket_opt_value_t resumed;
    char buf[64];
    size_t n = 0;
    char port_str[16];
    snprintf(port_str, sizeof(port_str), "%d", port);
    for (int conn = 0; conn < 2 && !reason; ++conn) {
        avs_error_t err =
                conn ? avs_net_socket_connect(sock, "localhost", port_str)
                     : tc_connect(&sock, &config, false, "localhost", port);
        if (avs_is_err(err)) {
            reason = tc_reason("connect %d failed: %s (%s)", conn + 1,
                               tc_describe(err), tc_last_log());
            break;
        }
        avs_net_socket_get_opt(sock, AVS_NET_SOCKET_OPT_SESSION_RESUMED,
                               &resumed);
        if (resumed.flag != (conn == 1)) {
            reason = tc_reason("connect %d: SESSION_RESUMED is %d", conn + 1,
                               (int) resumed.flag);
            break;
        }
        /* The session ticket comes after the handshake; an exchange makes
         * sure it has been read before the connection is closed. */
        if (!tc_peer_write(&peer, "tls13\n", 6)) {
            reason = tc_reason("cannot write to the peer");
            break;
        }
        tc_set_recv_timeout(sock, 3000);
        err = avs_net_socket_receive(sock, &n, buf, sizeof(buf));
        if (avs_is_err(err) || n != 6) {
            reason = tc_reason("receive failed: %s", tc_describe(err));
            break;
        }
        avs_net_socket_close(sock);
    }
    avs_net_socket_cleanup(&sock);
    tc_peer_stop(&peer);
    return reason;
}

typedef struct {
    /* Certificate the server presents (its basename). */
    const char *server;
    /* Trust the test CA besides the TLSA records. */
    bool trust_ca;
    bool validation;
    bool should_pass;
} dane_case_t;

static const char *dane_check(const avs_net_socket_dane_tlsa_record_t *record,
                              const dane_case_t *test) {
    tc_peer_t peer;
    int port;
    if (!start_cert_server(&peer, &port, true, test->server, NULL)) {
        return tc_reason("cannot start openssl s_server");
    }
    avs_net_ssl_configuration_t config = tc_cert_config();
    if (!test->trust_ca) {
        config.security.data.cert.trusted_certs.desc.source =
                AVS_CRYPTO_DATA_SOURCE_EMPTY;
    }
    config.security.data.cert.server_cert_validation = test->validation;
    config.security.data.cert.dane = true;
    const char *reason = NULL;
    avs_net_socket_t *sock = NULL;
    avs_error_t err = avs_net_dtls_socket_create(&sock, &config);
    avs_net_socket_opt_value_t value;
    value.dane_tlsa_array.array_ptr = record;
    value.dane_tlsa_array.array_element_count = 1;
    if (avs_is_ok(err)) {
        err = avs_net_socket_set_opt(sock, AVS_NET_SOCKET_OPT_DANE_TLSA_ARRAY,
                                     value);
    }
    if (avs_is_err(err)) {
        reason = tc_reason("setting the TLSA record failed: %s",
                           tc_describe(err));
    } else {
        char port_str[16];
        snprintf(port_str, sizeof(port_str), "%d", port);
        err = avs_net_socket_connect(sock, "localhost", port_str);
        if (test->should_pass && avs_is_err(err)) {
            reason = tc_reason("connect failed: %s (%s)", tc_describe(err),
                               tc_last_log());
        } else if (!test->should_pass && avs_is_ok(err)) {
            reason = tc_reason("connect succeeded although it must not");
        }
    }
    avs_net_socket_cleanup(&sock);
    tc_peer_stop(&peer);
    return reason;
}

static const char *dane_with_file(const char *file, int usage, int selector,
                                  int matching, bool corrupt,
                                  const dane_case_t *test) {
    void *data = NULL;
    size_t size = 0;
    if (!tc_read_file(file, &data, &size)) {
        return tc_reason("cannot read %s", file);
    }
    if (corrupt) {
        ((unsigned char *) data)[size / 2] ^= 0x55;
    }
    avs_net_socket_dane_tlsa_record_t record;
    memset(&record, 0, sizeof(record));
    record.certificate_usage = (avs_net_socket_dane_certificate_usage_t) usage;
    record.selector = (avs_net_socket_dane_selector_t) selector;
    record.matching_type = (avs_net_socket_dane_matching_type_t) matching;
    record.association_data = data;
    record.association_data_size = size;
    const char *reason = dane_check(&record, test);
    free(data);
    return reason;
}

/* DANE-EE, full certificate: a self-signed server, nothing else trusted,
 * and a name the certificate does not carry (RFC 7671: DANE-EE skips name
 * checks). */
const char *tc_dane_full_cert(void) {
    static const dane_case_t TEST = {"dane", false, true, true};
    return dane_with_file("dane.der",
                          AVS_NET_SOCKET_DANE_DOMAIN_ISSUED_CERTIFICATE,
                          AVS_NET_SOCKET_DANE_CERTIFICATE,
                          AVS_NET_SOCKET_DANE_MATCH_FULL, false, &TEST);
}

/* A well-formed record for the right key, with one bit of the digest
 * flipped: DANE applies and nothing matches. */
const char *tc_dane_wrong_data(void) {
    static const dane_case_t TEST = {"dane", false, true, false};
    return dane_with_file("dane.spki.sha256",
                          AVS_NET_SOCKET_DANE_DOMAIN_ISSUED_CERTIFICATE,
                          AVS_NET_SOCKET_DANE_PUBLIC_KEY,
                          AVS_NET_SOCKET_DANE_MATCH_SHA256, true, &TEST);
}

const char *tc_dane_spki_sha256(void) {
    static const dane_case_t TEST = {"dane", false, true, true};
    return dane_with_file("dane.spki.sha256",
                          AVS_NET_SOCKET_DANE_DOMAIN_ISSUED_CERTIFICATE,
                          AVS_NET_SOCKET_DANE_PUBLIC_KEY,
                          AVS_NET_SOCKET_DANE_MATCH_SHA256, false, &TEST);
}

/* DANE-TA: the record names the CA, which is trusted only through it. */
const char *tc_dane_trust_anchor(void) {
    static const dane_case_t TEST = {"server", false, true, true};
    return dane_with_file("ca.der", AVS_NET_SOCKET_DANE_TRUST_ANCHOR_ASSERTION,
                          AVS_NET_SOCKET_DANE_CERTIFICATE,
                          AVS_NET_SOCKET_DANE_MATCH_FULL, false, &TEST);
}

/* PKIX-EE: the record pins the server's key, and PKIX must pass too. */
const char *tc_dane_pkix_ee(void) {
    static const dane_case_t WITH_CA = {"server", true, true, true};
    static const dane_case_t WITHOUT_CA = {"server", false, true, false};
    const char *reason =
            dane_with_file("server.spki.sha256",
                           AVS_NET_SOCKET_DANE_SERVICE_CERTIFICATE_CONSTRAINT,
                           AVS_NET_SOCKET_DANE_PUBLIC_KEY,
                           AVS_NET_SOCKET_DANE_MATCH_SHA256, false, &WITH_CA);
    if (reason) {
        return reason;
    }
    return dane_with_file("server.spki.sha256",
                          AVS_NET_SOCKET_DANE_SERVICE_CERTIFICATE_CONSTRAINT,
                          AVS_NET_SOCKET_DANE_PUBLIC_KEY,
                          AVS_NET_SOCKET_DANE_MATCH_SHA256, false, &WITHOUT_CA);
}

/* Validation off: a DANE-EE record still turns verification on, a PKIX
 * record cannot be checked and is skipped. */
const char *tc_dane_opportunistic(void) {
    static const dane_case_t ENFORCED = {"dane", false, false, false};
    static const dane_case_t SKIPPED = {"dane", false, false, true};
    const char *reason = dane_with_file(
            "dane.spki.sha256", AVS_NET_SOCKET_DANE_DOMAIN_ISSUED_CERTIFICATE,
            AVS_NET_SOCKET_DANE_PUBLIC_KEY, AVS_NET_SOCKET_DANE_MATCH_SHA256,
            true, &ENFORCED);
    if (reason) {
        return reason;
    }
    return dane_with_file("ca.der", AVS_NET_SOCKET_DANE_CA_CONSTRAINT,
                          AVS_NET_SOCKET_DANE_CERTIFICATE,
                          AVS_NET_SOCKET_DANE_MATCH_FULL, false, &SKIPPED);
}

/* A fatal alert from the peer reaches the caller as avs_net_ssl_alert():
 * a server that requires a client certificate refuses one that has none
 * with handshake_failure (40) or, in TLS 1.3, certificate_required (116). */
const char *tc_alert_reported(void) {
    const char *more[] = {"-CAfile", tc_path("ca.crt"),      "-Verify",
                          "1",       "-verify_return_error", NULL};
    tc_peer_t peer;
    int port;
    if (!start_cert_server(&peer, &port, true, "server", more)) {
        return tc_reason("cannot start openssl s_server");
    }
    avs_net_ssl_configuration_t config = tc_cert_config();
    avs_net_dtls_handshake_timeouts_t timeouts;
    tc_set_timeouts(&config, &timeouts, 300, 600);
    avs_net_socket_t *sock = NULL;
    avs_error_t err = tc_connect(&sock, &config, true, "localhost", port);
    avs_net_socket_cleanup(&sock);
    tc_peer_stop(&peer);
    if (err.category != AVS_NET_SSL_ALERT_CATEGORY) {
        return tc_reason("connect gave %s, expected a TLS alert",
                         tc_describe(err));
    }
    if (avs_net_ssl_alert_level(err) != 2 ||
        (avs_net_ssl_alert_description(err) != 40 &&
         avs_net_ssl_alert_description(err) != 116)) {
        return tc_reason("unexpected alert: %s", tc_describe(err));
    }
    return NULL;
}
