/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "coap_opt.h"

#define E COAP_OPT_FORMAT_EMPTY
#define O COAP_OPT_FORMAT_OPAQUE
#define U COAP_OPT_FORMAT_UINT
#define S COAP_OPT_FORMAT_STRING

/* RFC 7252 table 4, RFC 7641 (Observe), RFC 7959 (Block, Size), RFC 7967
 * (No-Response). ETag is repeatable in requests only, but an extra ETag in a
 * response is elective and harmless, so one entry serves both. */
static const coap_opt_info_t REQUEST_RESPONSE_OPTS[] = {
        {TERN_COAP_OPT_IF_MATCH, O, true, 0, 8},
        {TERN_COAP_OPT_URI_HOST, S, false, 1, 255},
        {TERN_COAP_OPT_ETAG, O, true, 1, 8},
        {TERN_COAP_OPT_IF_NONE_MATCH, E, false, 0, 0},
        {TERN_COAP_OPT_OBSERVE, U, false, 0, 3},
        {TERN_COAP_OPT_URI_PORT, U, false, 0, 2},
        {TERN_COAP_OPT_LOCATION_PATH, S, true, 0, 255},
        {TERN_COAP_OPT_URI_PATH, S, true, 0, 255},
        {TERN_COAP_OPT_CONTENT_FORMAT, U, false, 0, 2},
        {TERN_COAP_OPT_MAX_AGE, U, false, 0, 4},
        {TERN_COAP_OPT_URI_QUERY, S, true, 0, 255},
        {TERN_COAP_OPT_ACCEPT, U, false, 0, 2},
        {TERN_COAP_OPT_LOCATION_QUERY, S, true, 0, 255},
        {TERN_COAP_OPT_BLOCK2, U, false, 0, 3},
        {TERN_COAP_OPT_BLOCK1, U, false, 0, 3},
        {TERN_COAP_OPT_SIZE2, U, false, 0, 4},
        {TERN_COAP_OPT_PROXY_URI, S, false, 1, 1034},
        {TERN_COAP_OPT_PROXY_SCHEME, S, false, 1, 255},
        {TERN_COAP_OPT_SIZE1, U, false, 0, 4},
        {TERN_COAP_OPT_NO_RESPONSE, U, false, 0, 1},
};

/* RFC 8323, 5.3-5.6. */
static const coap_opt_info_t CSM_OPTS[] = {
        {TERN_COAP_OPT_MAX_MESSAGE_SIZE, U, false, 0, 4},
        {TERN_COAP_OPT_BLOCK_WISE_TRANSFER, E, false, 0, 0},
};
static const coap_opt_info_t PING_PONG_OPTS[] = {
        {TERN_COAP_OPT_CUSTODY, E, false, 0, 0},
};
static const coap_opt_info_t RELEASE_OPTS[] = {
        {TERN_COAP_OPT_ALTERNATIVE_ADDRESS, S, true, 1, 255},
        {TERN_COAP_OPT_HOLD_OFF, U, false, 0, 3},
};
static const coap_opt_info_t ABORT_OPTS[] = {
        {TERN_COAP_OPT_BAD_CSM_OPTION, U, false, 0, 2},
};

#undef E
#undef O
#undef U
#undef S

static const coap_opt_info_t *find_in(const coap_opt_info_t *table,
                                      size_t count, uint16_t number) {
    for (size_t i = 0; i < count; ++i) {
        if (table[i].number == number) {
            return &table[i];
        }
    }
    return NULL;
}

#define FIND_IN(Table, Number)                                                 \
    find_in((Table), sizeof(Table) / sizeof((Table)[0]), (Number))

const coap_opt_info_t *coap_opt_info(uint8_t code, uint16_t number) {
    switch (code) {
        case TERN_COAP_CODE_CSM:
            return FIND_IN(CSM_OPTS, number);
        case TERN_COAP_CODE_PING:
        case TERN_COAP_CODE_PONG:
            return FIND_IN(PING_PONG_OPTS, number);
        case TERN_COAP_CODE_RELEASE:
            return FIND_IN(RELEASE_OPTS, number);
        case TERN_COAP_CODE_ABORT:
            return FIND_IN(ABORT_OPTS, number);
        default:
            if (tern_coap_code_is_signaling(code)) {
                return NULL;
            }
            return FIND_IN(REQUEST_RESPONSE_OPTS, number);
    }
}

static int read_field(uint8_t nibble, const uint8_t **pos, const uint8_t *end,
                      uint32_t *out) {
    switch (nibble) {
        case COAP_OPT_EXT8:
            if (end - *pos < 1) {
                return TERN_COAP_ERR_TRUNCATED;
            }
            *out = COAP_OPT_EXT8_BASE + (*pos)[0];
            *pos += 1;
            return 0;
        case COAP_OPT_EXT16:
            if (end - *pos < 2) {
                return TERN_COAP_ERR_TRUNCATED;
            }
            *out = COAP_OPT_EXT16_BASE +
                   (uint32_t) (((uint32_t) (*pos)[0] << 8) | (*pos)[1]);
            *pos += 2;
            return 0;
        case COAP_OPT_RESERVED:
            return TERN_COAP_ERR_OPTION_NIBBLE;
        default:
            *out = nibble;
            return 0;
    }
}

int coap_opt_header_read(const uint8_t *pos, const uint8_t *end,
                         uint32_t *out_delta, size_t *out_size,
                         size_t *out_header_size) {
    const uint8_t *start = pos;
    if (pos >= end) {
        return TERN_COAP_ERR_TRUNCATED;
    }
    uint8_t first = *pos++;
    uint32_t size;
    int result;
    /* A reserved nibble is a format error even when the other field's
     * extension bytes are missing, so both nibbles are checked first. */
    if ((first >> 4) == COAP_OPT_RESERVED ||
        (first & 0x0F) == COAP_OPT_RESERVED) {
        return TERN_COAP_ERR_OPTION_NIBBLE;
    }
    if ((result = read_field((uint8_t) (first >> 4), &pos, end, out_delta)) ||
        (result = read_field((uint8_t) (first & 0x0F), &pos, end, &size))) {
        return result;
    }
    *out_size = size;
    *out_header_size = (size_t) (pos - start);
    return 0;
}

static uint8_t field_nibble(uint32_t value) {
    if (value < COAP_OPT_EXT8_BASE) {
        return (uint8_t) value;
    }
    return value < COAP_OPT_EXT16_BASE ? COAP_OPT_EXT8 : COAP_OPT_EXT16;
}

static size_t field_ext_size(uint32_t value) {
    if (value < COAP_OPT_EXT8_BASE) {
        return 0;
    }
    return value < COAP_OPT_EXT16_BASE ? 1 : 2;
}

static uint8_t *write_field_ext(uint8_t *out, uint32_t value) {
    if (value >= COAP_OPT_EXT16_BASE) {
        uint32_t ext = value - COAP_OPT_EXT16_BASE;
        *out++ = (uint8_t) (ext >> 8);
        *out++ = (uint8_t) ext;
    } else if (value >= COAP_OPT_EXT8_BASE) {
        *out++ = (uint8_t) (value - COAP_OPT_EXT8_BASE);
    }
    return out;
}

size_t coap_opt_header_size(uint32_t delta, size_t size) {
    return 1 + field_ext_size(delta) + field_ext_size((uint32_t) size);
}

size_t coap_opt_header_write(uint8_t *out, uint32_t delta, size_t size) {
    uint8_t *pos = out;
    *pos++ = (uint8_t) ((field_nibble(delta) << 4) |
                        field_nibble((uint32_t) size));
    pos = write_field_ext(pos, delta);
    pos = write_field_ext(pos, (uint32_t) size);
    return (size_t) (pos - out);
}

size_t coap_uint_encode(uint8_t *out, uint32_t value) {
    size_t size = 0;
    for (uint32_t rest = value; rest; rest >>= 8) {
        ++size;
    }
    for (size_t i = 0; i < size; ++i) {
        out[i] = (uint8_t) (value >> (8 * (size - 1 - i)));
    }
    return size;
}
