/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The session resumption buffer of the OpenSSL layer: whatever the caller's
 * buffer holds, reading it must either fail cleanly or give a session that
 * serializes back into a buffer that reads again. */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "tls/openssl/openssl_socket.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    for (int dtls = 0; dtls < 2; ++dtls) {
        SSL_SESSION *session =
                tern_tls_session_deserialize(data, size, dtls != 0);
        if (!session) {
            continue;
        }
        unsigned char *copy = (unsigned char *) malloc(size + 4096);
        if (copy) {
            size_t used = tern_tls_session_serialize(session, dtls != 0, copy,
                                                     size + 4096);
            SSL_SESSION *again =
                    used ? tern_tls_session_deserialize(copy, used, dtls != 0)
                         : NULL;
            if (used && !again) {
                abort();
            }
            SSL_SESSION_free(again);
            free(copy);
        }
        SSL_SESSION_free(session);
    }
    ERR_clear_error();
    return 0;
}
