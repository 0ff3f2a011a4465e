/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The single-value formats, used only for one Resource or Resource
 * Instance: text/plain (0), application/octet-stream (42, "opaque") and
 * application/cbor (60).
 *
 * text/plain: integers and times in decimal, floats in the shortest decimal
 * or exponent form that reads back exactly, booleans "0"/"1", Object Links
 * "oid:iid", strings as they are, opaque data in standard base64.
 *
 * application/cbor: one CBOR data item; Object Links are text "oid:iid",
 * times plain integers (tag 1 is accepted on input).
 */
#ifndef TERN_LWM2M_IO_SINGLE_H
#define TERN_LWM2M_IO_SINGLE_H

#include "io_path.h"
#include "io_value.h"

struct tern_io_enc;
struct tern_io_dec;

/** Shared check of the single-value encoders: one entry, on the base path. */
int tern_io_single_check(struct tern_io_enc *enc, const tern_io_path_t *path);

/* Entry points behind the io.h facade; see io.h for the contract. */

/** Writes the value as text/plain. */
int tern_io_text_enc_add(struct tern_io_enc *enc, const tern_io_path_t *path,
                         const tern_io_value_t *value);
/** Writes a BYTES value as it is. */
int tern_io_opaque_enc_add(struct tern_io_enc *enc, const tern_io_path_t *path,
                           const tern_io_value_t *value);
/** Writes the value as one CBOR data item. */
int tern_io_cbor_single_enc_add(struct tern_io_enc *enc,
                                const tern_io_path_t *path,
                                const tern_io_value_t *value);

/** The request path with the whole payload as RAW_TEXT, then END. */
int tern_io_text_dec_next(struct tern_io_dec *dec, tern_io_path_t *out_path,
                          tern_io_value_t *out_value);
/** The request path with the whole payload as BYTES, then END. */
int tern_io_opaque_dec_next(struct tern_io_dec *dec, tern_io_path_t *out_path,
                            tern_io_value_t *out_value);
/** The request path with the one CBOR value, then END. */
int tern_io_cbor_single_dec_next(struct tern_io_dec *dec,
                                 tern_io_path_t *out_path,
                                 tern_io_value_t *out_value);

#endif /* TERN_LWM2M_IO_SINGLE_H */
