/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include "coap_opt.h"

#define COAP_UDP_VERSION 1
#define COAP_UDP_HEADER_SIZE 4

/* Checks one option against what is registered for the message's code.
 * Elective options that break the rules are ignored, as RFC 7252 5.4.1
 * prescribes for unrecognised ones; critical ones make the message
 * unacceptable. Only the first such problem is reported. */
static int check_option(uint8_t code, uint32_t number, size_t size,
                        bool repeated) {
    bool critical = tern_coap_opt_is_critical((uint16_t) number);
    const coap_opt_info_t *info = coap_opt_info(code, (uint16_t) number);
    if (!critical) {
        return 0;
    }
    if (!info) {
        return TERN_COAP_ERR_CRITICAL_OPTION;
    }
    if (size < info->min_size || size > info->max_size) {
        return TERN_COAP_ERR_OPTION_LENGTH;
    }
    if (repeated && !info->repeatable) {
        return TERN_COAP_ERR_REPEATED_OPTION;
    }
    return 0;
}

/* Options and payload, shared by both transports. Format errors end the
 * parse at once; option problems are remembered and reported after the
 * whole message proved well formed. */
static int parse_body(tern_coap_msg_t *out, const uint8_t *pos,
                      const uint8_t *end, uint16_t *out_bad_option) {
    uint32_t number = 0;
    bool have_previous = false;
    int option_problem = 0;
    uint16_t bad_option = 0;

    out->options = pos;
    out->options_size = 0;
    out->payload = NULL;
    out->payload_size = 0;
    while (pos < end) {
        if (*pos == COAP_PAYLOAD_MARKER) {
            out->options_size = (size_t) (pos - out->options);
            ++pos;
            if (pos == end) {
                return TERN_COAP_ERR_EMPTY_PAYLOAD;
            }
            out->payload = pos;
            out->payload_size = (size_t) (end - pos);
            pos = end;
            break;
        }
        uint32_t delta;
        size_t size;
        size_t header_size;
        int result =
                coap_opt_header_read(pos, end, &delta, &size, &header_size);
        if (result) {
            return result;
        }
        if (number + delta > UINT16_MAX) {
            return TERN_COAP_ERR_OPTION_NUMBER;
        }
        bool repeated = have_previous && delta == 0;
        number += delta;
        have_previous = true;
        pos += header_size;
        if ((size_t) (end - pos) < size) {
            return TERN_COAP_ERR_TRUNCATED;
        }
        pos += size;
        out->options_size = (size_t) (pos - out->options);
        if (!option_problem) {
            option_problem = check_option(out->code, number, size, repeated);
            bad_option = (uint16_t) number;
        }
    }
    if (option_problem && out_bad_option) {
        *out_bad_option = bad_option;
    }
    return option_problem;
}

int tern_coap_udp_parse(tern_coap_msg_t *out, const void *data, size_t size,
                        uint16_t *out_bad_option) {
    const uint8_t *bytes = (const uint8_t *) data;
    memset(out, 0, sizeof(*out));
    if (size < COAP_UDP_HEADER_SIZE) {
        return TERN_COAP_ERR_TRUNCATED;
    }
    out->type = (uint8_t) ((bytes[0] >> 4) & 0x03);
    out->code = bytes[1];
    out->msg_id = (uint16_t) ((bytes[2] << 8) | bytes[3]);
    if ((bytes[0] >> 6) != COAP_UDP_VERSION) {
        return TERN_COAP_ERR_VERSION;
    }
    uint8_t token_size = (uint8_t) (bytes[0] & 0x0F);
    if (token_size > TERN_COAP_MAX_TOKEN_SIZE) {
        return TERN_COAP_ERR_TOKEN_LENGTH;
    }
    if (out->code == TERN_COAP_CODE_EMPTY &&
        (token_size != 0 || size != COAP_UDP_HEADER_SIZE)) {
        return TERN_COAP_ERR_EMPTY_MESSAGE;
    }
    if (size < COAP_UDP_HEADER_SIZE + (size_t) token_size) {
        return TERN_COAP_ERR_TRUNCATED;
    }
    out->token.size = token_size;
    memcpy(out->token.bytes, bytes + COAP_UDP_HEADER_SIZE, token_size);
    return parse_body(out, bytes + COAP_UDP_HEADER_SIZE + token_size,
                      bytes + size, out_bad_option);
}

/* Extended length fields of a TCP frame header (RFC 8323, 3.2). */
#define COAP_TCP_EXT8_BASE 13u
#define COAP_TCP_EXT16_BASE 269u
#define COAP_TCP_EXT32_BASE 65805u

static size_t tcp_ext_size(uint8_t nibble) {
    switch (nibble) {
        case 13:
            return 1;
        case 14:
            return 2;
        case 15:
            return 4;
        default:
            return 0;
    }
}

/* Reads the length field; returns the header size without the token
 * (length byte, extension, code) or a negative error. */
static int tcp_header(const uint8_t *bytes, size_t size, uint64_t *out_len,
                      uint8_t *out_token_size) {
    if (size < 1) {
        return TERN_COAP_ERR_TRUNCATED;
    }
    uint8_t nibble = (uint8_t) (bytes[0] >> 4);
    uint8_t token_size = (uint8_t) (bytes[0] & 0x0F);
    if (token_size > TERN_COAP_MAX_TOKEN_SIZE) {
        return TERN_COAP_ERR_TOKEN_LENGTH;
    }
    size_t ext = tcp_ext_size(nibble);
    if (size < 1 + ext) {
        return TERN_COAP_ERR_TRUNCATED;
    }
    uint64_t value = 0;
    for (size_t i = 0; i < ext; ++i) {
        value = (value << 8) | bytes[1 + i];
    }
    switch (ext) {
        case 0:
            *out_len = nibble;
            break;
        case 1:
            *out_len = COAP_TCP_EXT8_BASE + value;
            break;
        case 2:
            *out_len = COAP_TCP_EXT16_BASE + value;
            break;
        default:
            *out_len = COAP_TCP_EXT32_BASE + value;
            break;
    }
    *out_token_size = token_size;
    return (int) (1 + ext + 1);
}

int tern_coap_tcp_frame_size(const void *data, size_t size,
                             uint64_t *out_frame_size) {
    uint64_t body_size;
    uint8_t token_size;
    int header =
            tcp_header((const uint8_t *) data, size, &body_size, &token_size);
    if (header < 0) {
        return header;
    }
    *out_frame_size = (uint64_t) header + token_size + body_size;
    return 0;
}

int tern_coap_tcp_parse(tern_coap_msg_t *out, const void *data, size_t size,
                        uint16_t *out_bad_option) {
    const uint8_t *bytes = (const uint8_t *) data;
    uint64_t body_size;
    uint8_t token_size;
    memset(out, 0, sizeof(*out));
    int header = tcp_header(bytes, size, &body_size, &token_size);
    if (header < 0) {
        return header;
    }
    if (size < (size_t) header) {
        return TERN_COAP_ERR_TRUNCATED;
    }
    out->code = bytes[header - 1];
    uint64_t frame_size = (uint64_t) header + token_size + body_size;
    if (frame_size > size) {
        return TERN_COAP_ERR_TRUNCATED;
    }
    if (frame_size < size) {
        /* Trailing bytes belong to the next frame: the caller cut the
         * stream in the wrong place. */
        return TERN_COAP_ERR_INVALID;
    }
    out->token.size = token_size;
    memcpy(out->token.bytes, bytes + header, token_size);
    return parse_body(out, bytes + header + token_size, bytes + size,
                      out_bad_option);
}
