/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * OMA LwM2M TLV (Content-Format 11542), state and entry points used by the
 * io.h facade.
 *
 * Each TLV starts with a type byte: bits 7-6 name the kind (00 Object
 * Instance, 01 Resource Instance, 10 Multiple Resource, 11 Resource with
 * value), bit 5 selects a 16-bit identifier instead of 8-bit, bits 4-3 give
 * the size of the length field (0 to 3 bytes) and, when that is 0, bits 2-0
 * hold the value length itself.
 *
 * The top level of a payload depends on the request path: Object Instances
 * for /oid, Resources for /oid/iid, the Resource itself (plain or Multiple)
 * for /oid/iid/rid and one Resource Instance for /oid/iid/rid/riid.
 */
#ifndef TERN_LWM2M_IO_TLV_H
#define TERN_LWM2M_IO_TLV_H

#include "io_path.h"
#include "io_value.h"

struct tern_io_enc;
struct tern_io_dec;

/** TLV kinds, as the top two bits of the type byte. */
enum {
    TERN_IO_TLV_INSTANCE = 0x00,
    TERN_IO_TLV_RES_INSTANCE = 0x40,
    TERN_IO_TLV_MULTI_RES = 0x80,
    TERN_IO_TLV_RESOURCE = 0xC0
};

/** Largest value length a TLV header can carry (24-bit length field). */
#define TERN_IO_TLV_MAX_LEN 0xFFFFFFu

/** An open container in the encoder: its header is reserved at @c pos. */
typedef struct {
    size_t pos;
    tern_io_path_t path;
    bool open;
} tern_io_tlv_enc_frame_t;

/** Encoder state. */
typedef struct {
    uint8_t top;
    tern_io_tlv_enc_frame_t instance;
    tern_io_tlv_enc_frame_t multi;
    tern_io_path_order_t order;
} tern_io_tlv_enc_t;

/** An open container in the decoder. */
typedef struct {
    size_t end;
    tern_io_path_t path;
    uint8_t kind;
    bool had_child;
} tern_io_tlv_dec_frame_t;

/** Decoder state. */
typedef struct {
    size_t pos;
    tern_io_tlv_dec_frame_t stack[2];
    uint8_t depth;
} tern_io_tlv_dec_t;

/* Entry points behind the io.h facade, which has already checked the
 * path against the base path and the value type; see io.h for the
 * contract. */

/** Starts a TLV payload; the base path must not be the root. */
int tern_io_tlv_enc_init(struct tern_io_enc *enc);
/** Adds one entry, opening and closing Object Instance / Multiple Resource
 *  wrappers as the path requires. */
int tern_io_tlv_enc_add(struct tern_io_enc *enc, const tern_io_path_t *path,
                        const tern_io_value_t *value);
/** Closes the open wrappers. */
int tern_io_tlv_enc_finish(struct tern_io_enc *enc);

/** Checks the request path (not the root). */
int tern_io_tlv_dec_init(struct tern_io_dec *dec);
/** Next entry: RAW_TLV values, NULL for empty wrappers. */
int tern_io_tlv_dec_next(struct tern_io_dec *dec, tern_io_path_t *out_path,
                         tern_io_value_t *out_value);

#endif /* TERN_LWM2M_IO_TLV_H */
