/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * LwM2M CBOR (Content-Format 11544): nested maps keyed by path ids, always
 * starting from the root, e.g. {3: {0: {0: "Tern", 6: {0: 1, 1: 5}}}}.
 * A key may also be an array of ids standing for several levels at once
 * ({[3, 0]: {...}}); the decoder accepts that, the encoder writes single
 * ids only. Object Links are text "oid:iid"; times plain integers.
 */
#ifndef TERN_LWM2M_IO_LWM2M_CBOR_H
#define TERN_LWM2M_IO_LWM2M_CBOR_H

#include "io_cbor.h"
#include "io_path.h"
#include "io_value.h"

struct tern_io_enc;
struct tern_io_dec;

/** Root map plus one per path level. */
#define TERN_IO_LCBOR_MAX_MAPS (TERN_IO_PATH_MAX_LEN + 1)

/** Encoder state. */
typedef struct {
    size_t map_pos[TERN_IO_LCBOR_MAX_MAPS];
    uint32_t map_pairs[TERN_IO_LCBOR_MAX_MAPS];
    uint8_t open_maps;
    tern_io_path_order_t order;
} tern_io_lwm2m_cbor_enc_t;

/** One open map in the decoder. */
typedef struct {
    uint8_t base_len;
    bool expect_key;
    bool had_child;
} tern_io_lwm2m_cbor_level_t;

/** Decoder state. */
typedef struct {
    tern_io_cbor_reader_t cbor;
    tern_io_path_t cur;
    tern_io_lwm2m_cbor_level_t levels[TERN_IO_LCBOR_MAX_MAPS];
    uint8_t depth;
    bool started;
} tern_io_lwm2m_cbor_dec_t;

/* Entry points behind the io.h facade; see io.h for the contract. */

/** Reserves the head of the root map. */
int tern_io_lwm2m_cbor_enc_init(struct tern_io_enc *enc);
/** Adds one entry, closing and opening the maps on its path. */
int tern_io_lwm2m_cbor_enc_add(struct tern_io_enc *enc,
                               const tern_io_path_t *path,
                               const tern_io_value_t *value);
/** Closes every open map. */
int tern_io_lwm2m_cbor_enc_finish(struct tern_io_enc *enc);

/** Next entry (typed values; NULL for an empty map). */
int tern_io_lwm2m_cbor_dec_next(struct tern_io_dec *dec,
                                tern_io_path_t *out_path,
                                tern_io_value_t *out_value);

#endif /* TERN_LWM2M_IO_LWM2M_CBOR_H */
