/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * SenML (RFC 8428) in JSON (110) and CBOR (112) as LwM2M uses it: an array
 * of records; the base name "bn" plus the name "n" is the path text; values
 * in "v" (number), "vs" (string), "vb" (boolean), "vd" (opaque: base64url
 * in JSON, a byte string in CBOR) and the LwM2M extension "vlo" (Object
 * Link "oid:iid"); times in "bt" + "t". CBOR uses integer labels: bn -2,
 * bt -3, n 0, v 2, vs 3, vb 4, t 6, vd 8, and the text label "vlo".
 *
 * Encoding: the first record carries "bn" with the base path (and a
 * trailing '/' when the entry lies below it), every record an "n" relative
 * to it; with the root as base path (Send, composite operations) names are
 * absolute and "bn" is omitted. A finite time given to add_timed() becomes
 * "t". A NULL value yields a record with only a name (Read-Composite and
 * Observe-Composite request bodies).
 *
 * Decoding: "bn"/"bt" persist to later records; a record holding only base
 * fields yields no entry; fields "bu", "u", "ut", "bver" and unknown ones
 * are ignored, "bv", "bs", "s" and unknown names ending in '_' are refused
 * as TERN_IO_ERR_UNSUPPORTED. Names must form valid paths inside the
 * request path; a value needs at least a Resource path.
 */
#ifndef TERN_LWM2M_IO_SENML_H
#define TERN_LWM2M_IO_SENML_H

#include "io_cbor.h"
#include "io_json.h"
#include "io_path.h"
#include "io_value.h"

struct tern_io_enc;
struct tern_io_dec;

/** Longest base name kept; longer ones can never form a valid path. */
#define TERN_IO_SENML_BN_MAX 32

/** Encoder state (both encodings). */
typedef struct {
    char bn[TERN_IO_PATH_STR_SIZE + 1];
    size_t bn_len;
    size_t array_pos;
} tern_io_senml_enc_t;

/** Base fields that carry over from record to record while decoding. */
typedef struct {
    char bn[TERN_IO_SENML_BN_MAX];
    size_t bn_len;
    double bt;
    bool has_bt;
} tern_io_senml_base_t;

/** Decoder state (both encodings). */
typedef struct {
    tern_io_senml_base_t base;
    union {
        tern_io_json_reader_t json;
        tern_io_cbor_reader_t cbor;
    } r;
    bool started;
} tern_io_senml_dec_t;

/** One record as parsed, before base fields are applied. */
typedef struct {
    const char *bn;
    size_t bn_len;
    const char *n;
    size_t n_len;
    double bt;
    double t;
    tern_io_value_t value;
    bool has_bn;
    bool has_n;
    bool has_bt;
    bool has_t;
    bool has_value;
} tern_io_senml_record_t;

/**
 * Applies @p rec to @p base and resolves the entry.
 * @returns TERN_IO_OK with an entry, TERN_IO_END if the record only set base
 *          fields, or an error.
 */
int tern_io_senml_resolve(tern_io_senml_base_t *base,
                          const tern_io_senml_record_t *rec,
                          const tern_io_path_t *req, tern_io_path_t *out_path,
                          tern_io_value_t *out_value, double *out_time);

/**
 * Works out the names of the record for @p path: @p out_write_bn tells
 * whether the record must carry "bn" (then in @p state->bn), and
 * @p out_n / @p out_n_len give "n" (a view into @p path_text; empty means
 * no "n").
 */
int tern_io_senml_names(tern_io_senml_enc_t *state, const tern_io_path_t *base,
                        const tern_io_path_t *path, bool first,
                        char path_text[TERN_IO_PATH_STR_SIZE],
                        bool *out_write_bn, const char **out_n,
                        size_t *out_n_len);

/* Entry points behind the io.h facade; see io.h for the contract. @p time
 * is NaN when the entry has no timestamp. */

/** Writes the opening '[' and keeps room for the closing one. */
int tern_io_senml_json_enc_init(struct tern_io_enc *enc);
/** Appends one record. */
int tern_io_senml_json_enc_add(struct tern_io_enc *enc,
                               const tern_io_path_t *path,
                               const tern_io_value_t *value, double time);
/** Writes the closing ']'. */
int tern_io_senml_json_enc_finish(struct tern_io_enc *enc);

/** Reserves the head of the record array. */
int tern_io_senml_cbor_enc_init(struct tern_io_enc *enc);
/** Appends one record. */
int tern_io_senml_cbor_enc_add(struct tern_io_enc *enc,
                               const tern_io_path_t *path,
                               const tern_io_value_t *value, double time);
/** Writes the record count into the array head. */
int tern_io_senml_cbor_enc_finish(struct tern_io_enc *enc);

/** Next entry of a SenML JSON payload (typed values). */
int tern_io_senml_json_dec_next(struct tern_io_dec *dec,
                                tern_io_path_t *out_path,
                                tern_io_value_t *out_value);
/** Next entry of a SenML CBOR payload (typed values). */
int tern_io_senml_cbor_dec_next(struct tern_io_dec *dec,
                                tern_io_path_t *out_path,
                                tern_io_value_t *out_value);

#endif /* TERN_LWM2M_IO_SENML_H */
