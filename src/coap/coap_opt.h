/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Option headers (delta/length nibbles and their extensions) and what is
 * known about each registered option. */
#ifndef TERN_COAP_OPT_H
#define TERN_COAP_OPT_H

#include <tern/coap_msg.h>

/* Nibble values that announce extension bytes (RFC 7252, 3.1). */
#define COAP_OPT_EXT8 13
#define COAP_OPT_EXT16 14
#define COAP_OPT_RESERVED 15
#define COAP_OPT_EXT8_BASE 13u
#define COAP_OPT_EXT16_BASE 269u
#define COAP_PAYLOAD_MARKER 0xFF

/* Largest delta or length one header can express: 269 + 65535. */
#define COAP_OPT_FIELD_MAX (COAP_OPT_EXT16_BASE + 0xFFFFu)

/* Longest option header: one byte plus two 16-bit extensions. */
#define COAP_OPT_HEADER_MAX 5

typedef enum {
    COAP_OPT_FORMAT_EMPTY,
    COAP_OPT_FORMAT_OPAQUE,
    COAP_OPT_FORMAT_UINT,
    COAP_OPT_FORMAT_STRING
} coap_opt_format_t;

typedef struct {
    uint16_t number;
    uint8_t format;
    bool repeatable;
    uint16_t min_size;
    uint16_t max_size;
} coap_opt_info_t;

/* What the options of messages with @p code mean; NULL if @p number is not
 * registered for it. Signaling codes have their own option spaces. */
const coap_opt_info_t *coap_opt_info(uint8_t code, uint16_t number);

/* Reads the header at @p pos. Returns 0, TERN_COAP_ERR_TRUNCATED or
 * TERN_COAP_ERR_OPTION_NIBBLE; the caller must have checked that *pos is
 * not the payload marker. */
int coap_opt_header_read(const uint8_t *pos, const uint8_t *end,
                         uint32_t *out_delta, size_t *out_size,
                         size_t *out_header_size);

/* Bytes a header for @p delta and @p size takes. */
size_t coap_opt_header_size(uint32_t delta, size_t size);

/* Writes such a header; returns its size. */
size_t coap_opt_header_write(uint8_t *out, uint32_t delta, size_t size);

/* Shortest big-endian form of @p value into @p out (4 bytes of room);
 * returns the number of bytes, 0 for zero. */
size_t coap_uint_encode(uint8_t *out, uint32_t value);

#endif /* TERN_COAP_OPT_H */
