/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * tern-tls-conformance [-v] [-k] [FILTER]
 *
 * Runs every check (or those whose name contains FILTER) and prints one
 * line each: "PASS name", "FAIL name: reason" or "SKIP name: reason" (a peer
 * program is missing), then "N passed, M failed". Exits non-zero on any
 * failure. -v shows the library's log and the peers started; -k keeps the
 * scratch directory with the PKI and the peers' logs.
 */
#include "tc.h"

#include <avsystem/commons/avs_prng.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;
    tc_feature_fn_t *fn;
} check_t;

static const check_t CHECKS[] = {
        {"dtls-psk-openssl", tc_dtls_psk_openssl},
        {"dtls-psk-gnutls", tc_dtls_psk_gnutls},
        {"coaps-get-libcoap", tc_coaps_get_libcoap},
        {"tls-psk-tcp", tc_tls_psk_tcp},
        {"tls13-cert-tcp-ticket-resumption", tc_tls13_cert_tcp},
        {"cert-good-chain", tc_cert_good_chain},
        {"cert-ip-address", tc_cert_ip_address},
        {"cert-unknown-ca", tc_cert_unknown_ca},
        {"cert-expired", tc_cert_expired},
        {"cert-revoked-crl", tc_cert_revoked},
        {"cert-wrong-hostname", tc_cert_wrong_hostname},
        {"cert-sni-override", tc_cert_sni_override},
        {"cert-mutual-auth", tc_cert_mutual_auth},
        {"alert-reported", tc_alert_reported},
        {"dtls-fragmented-handshake-mtu256", tc_cert_fragmented_mtu256},
        {"resumption-memory", tc_resumption_memory},
        {"resumption-buffer", tc_resumption_buffer},
        {"resumption-tls", tc_resumption_tls},
        {"cipher-restriction", tc_cipher_restriction},
        {"version-restriction", tc_version_restriction},
        {"handshake-timer-backoff", tc_handshake_timer_backoff},
        {"truncated-record-emsgsize", tc_truncated_record},
        {"receive-timeout", tc_receive_timeout},
        {"close-notify", tc_close_notify},
        {"wrong-psk-times-out", tc_wrong_psk},
        {"dane-ee-full-cert", tc_dane_full_cert},
        {"dane-wrong-data", tc_dane_wrong_data},
        {"dane-ee-spki-sha256", tc_dane_spki_sha256},
        {"dane-ta-ca-cert", tc_dane_trust_anchor},
        {"dane-pkix-ee-spki-sha256", tc_dane_pkix_ee},
        {"dane-opportunistic", tc_dane_opportunistic},
        /* Last: it checks what everything before left behind. */
        {"no-leak", tc_no_leak},
};

int main(int argc, char **argv) {
    const char *filter = NULL;
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        if (!strcmp(argv[i], "-v")) {
            tc_verbose = true;
        } else if (!strcmp(argv[i], "-k")) {
            keep = true;
        } else {
            filter = argv[i];
        }
    }
    /* A peer that dies early must not take this program with it. */
    signal(SIGPIPE, SIG_IGN);
    setvbuf(stdout, NULL, _IOLBF, 0);
    tc_install_log_handler();

    if (!tc_have_program("openssl") || !tc_have_program("timeout")) {
        for (size_t i = 0; i < sizeof(CHECKS) / sizeof(CHECKS[0]); ++i) {
            printf("SKIP %s: the openssl and timeout programs are needed\n",
                   CHECKS[i].name);
        }
        printf("0 passed, 0 failed\n");
        return EXIT_SUCCESS;
    }
    if (!tc_make_scratch_dir()) {
        perror("cannot create a scratch directory");
        return EXIT_FAILURE;
    }
    tc_prng = avs_crypto_prng_new(NULL, NULL);
    if (!tc_prng || !tc_make_pki()) {
        avs_crypto_prng_free(&tc_prng);
        if (!keep) {
            tc_remove_scratch_dir();
        }
        return EXIT_FAILURE;
    }
    int passed = 0, failed = 0;
    for (size_t i = 0; i < sizeof(CHECKS) / sizeof(CHECKS[0]); ++i) {
        if (filter && !strstr(CHECKS[i].name, filter)) {
            continue;
        }
        int64_t start = tc_now_ms();
        const char *reason = CHECKS[i].fn();
        int64_t elapsed = tc_now_ms() - start;
        if (!reason) {
            ++passed;
            printf("PASS %s\n", CHECKS[i].name);
        } else if (!strncmp(reason, TC_SKIP_MARK, sizeof(TC_SKIP_MARK) - 1)) {
            printf("SKIP %s: %s\n", CHECKS[i].name,
                   reason + sizeof(TC_SKIP_MARK));
        } else {
            ++failed;
            printf("FAIL %s: %s\n", CHECKS[i].name, reason);
        }
        if (tc_verbose) {
            fprintf(stderr, "    (%d ms)\n", (int) elapsed);
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    avs_crypto_prng_free(&tc_prng);
    if (keep) {
        fprintf(stderr, "scratch directory kept: %s\n", tc_path(""));
    } else {
        tc_remove_scratch_dir();
    }
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
