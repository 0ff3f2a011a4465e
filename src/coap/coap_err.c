/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <tern/coap_msg.h>

const char *tern_coap_strerror(int err) {
    switch ((tern_coap_err_t) err) {
        case TERN_COAP_OK:
            return "success";
        case TERN_COAP_ERR_TRUNCATED:
            return "message truncated";
        case TERN_COAP_ERR_VERSION:
            return "unsupported CoAP version";
        case TERN_COAP_ERR_TOKEN_LENGTH:
            return "token length above 8";
        case TERN_COAP_ERR_OPTION_NIBBLE:
            return "reserved option delta or length nibble 15";
        case TERN_COAP_ERR_EMPTY_PAYLOAD:
            return "payload marker without payload";
        case TERN_COAP_ERR_OPTION_NUMBER:
            return "option number above 65535";
        case TERN_COAP_ERR_REPEATED_OPTION:
            return "non-repeatable critical option repeated";
        case TERN_COAP_ERR_CRITICAL_OPTION:
            return "unrecognized critical option";
        case TERN_COAP_ERR_OPTION_LENGTH:
            return "option value length out of range";
        case TERN_COAP_ERR_EMPTY_MESSAGE:
            return "Empty message with token, options or payload";
        case TERN_COAP_ERR_NO_SPACE:
            return "buffer too small";
        case TERN_COAP_ERR_INVALID:
            return "invalid argument";
        case TERN_COAP_ERR_NOT_FOUND:
            return "option not present";
        case TERN_COAP_ERR_TOO_LARGE:
            return "message larger than the buffer";
        case TERN_COAP_ERR_NO_MEMORY:
            return "out of memory";
        case TERN_COAP_ERR_STATE:
            return "not possible in the current state";
        case TERN_COAP_ERR_NETWORK:
            return "network error";
    }
    return "unknown error";
}
