/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include "coap_opt.h"

static size_t body_size(const tern_coap_msg_t *msg) {
    return msg->options_size + (msg->payload_size ? 1 + msg->payload_size : 0);
}

size_t tern_coap_udp_size(const tern_coap_msg_t *msg) {
    return 4 + msg->token.size + body_size(msg);
}

static uint8_t *write_body(uint8_t *pos, const tern_coap_msg_t *msg) {
    if (msg->options_size) {
        memcpy(pos, msg->options, msg->options_size);
        pos += msg->options_size;
    }
    if (msg->payload_size) {
        *pos++ = COAP_PAYLOAD_MARKER;
        memcpy(pos, msg->payload, msg->payload_size);
        pos += msg->payload_size;
    }
    return pos;
}

int tern_coap_udp_serialize(const tern_coap_msg_t *msg, void *buf,
                            size_t buf_size, size_t *out_size) {
    if (msg->token.size > TERN_COAP_MAX_TOKEN_SIZE) {
        return TERN_COAP_ERR_TOKEN_LENGTH;
    }
    if (msg->type > TERN_COAP_TYPE_RST) {
        return TERN_COAP_ERR_INVALID;
    }
    if (msg->code == TERN_COAP_CODE_EMPTY &&
        (msg->token.size || msg->options_size || msg->payload_size)) {
        return TERN_COAP_ERR_EMPTY_MESSAGE;
    }
    size_t size = tern_coap_udp_size(msg);
    if (size > buf_size) {
        return TERN_COAP_ERR_NO_SPACE;
    }
    uint8_t *pos = (uint8_t *) buf;
    *pos++ = (uint8_t) ((1 << 6) | (msg->type << 4) | msg->token.size);
    *pos++ = msg->code;
    *pos++ = (uint8_t) (msg->msg_id >> 8);
    *pos++ = (uint8_t) msg->msg_id;
    memcpy(pos, msg->token.bytes, msg->token.size);
    pos += msg->token.size;
    write_body(pos, msg);
    *out_size = size;
    return 0;
}

/* Length nibble and extension size for a TCP body of @p size bytes. */
static void tcp_length_field(uint64_t size, uint8_t *out_nibble,
                             size_t *out_ext_size, uint64_t *out_ext) {
    if (size < 13) {
        *out_nibble = (uint8_t) size;
        *out_ext_size = 0;
        *out_ext = 0;
    } else if (size < 269) {
        *out_nibble = 13;
        *out_ext_size = 1;
        *out_ext = size - 13;
    } else if (size < 65805) {
        *out_nibble = 14;
        *out_ext_size = 2;
        *out_ext = size - 269;
    } else {
        *out_nibble = 15;
        *out_ext_size = 4;
        *out_ext = size - 65805;
    }
}

size_t tern_coap_tcp_size(const tern_coap_msg_t *msg) {
    uint8_t nibble;
    size_t ext_size;
    uint64_t ext;
    size_t body = body_size(msg);
    tcp_length_field(body, &nibble, &ext_size, &ext);
    return 1 + ext_size + 1 + msg->token.size + body;
}

int tern_coap_tcp_serialize(const tern_coap_msg_t *msg, void *buf,
                            size_t buf_size, size_t *out_size) {
    if (msg->token.size > TERN_COAP_MAX_TOKEN_SIZE) {
        return TERN_COAP_ERR_TOKEN_LENGTH;
    }
    size_t body = body_size(msg);
    if ((uint64_t) body > 65805u + (uint64_t) UINT32_MAX) {
        return TERN_COAP_ERR_INVALID;
    }
    uint8_t nibble;
    size_t ext_size;
    uint64_t ext;
    tcp_length_field(body, &nibble, &ext_size, &ext);
    size_t size = 1 + ext_size + 1 + msg->token.size + body;
    if (size > buf_size) {
        return TERN_COAP_ERR_NO_SPACE;
    }
    uint8_t *pos = (uint8_t *) buf;
    *pos++ = (uint8_t) ((nibble << 4) | msg->token.size);
    for (size_t i = ext_size; i > 0; --i) {
        *pos++ = (uint8_t) (ext >> (8 * (i - 1)));
    }
    *pos++ = msg->code;
    memcpy(pos, msg->token.bytes, msg->token.size);
    pos += msg->token.size;
    write_body(pos, msg);
    *out_size = size;
    return 0;
}
