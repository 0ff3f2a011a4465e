/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * LwM2M content-format codecs: one encoder and one decoder interface over
 * text/plain, opaque, application/cbor, TLV, SenML JSON, SenML CBOR and
 * LwM2M CBOR. Pure code: no I/O, no global state.
 *
 * Encoding, e.g. a Read of /3/0 answered in TLV:
 * @code
 * tern_io_buf_t buf;
 * tern_io_buf_init_growable(&buf, 4096);
 * tern_io_enc_t enc;
 * tern_io_path_t base = tern_io_path_instance(3, 0);
 * tern_io_enc_init(&enc, TERN_IO_FMT_TLV, &base, &buf);
 * tern_io_path_t p = tern_io_path_resource(3, 0, 0);
 * tern_io_value_t v = tern_io_value_string("Tern");
 * tern_io_enc_add(&enc, &p, &v);          // repeat per entry
 * size_t len;
 * tern_io_enc_finish(&enc, &len);         // buf.data[0..len) is the payload
 * tern_io_buf_release(&buf);
 * @endcode
 *
 * Decoding, e.g. a Write on /3/0:
 * @code
 * tern_io_dec_t dec;
 * tern_io_dec_init(&dec, content_format, &request_path, payload, size);
 * tern_io_path_t path;
 * tern_io_value_t value;
 * int r;
 * while ((r = tern_io_dec_next(&dec, &path, &value)) == TERN_IO_OK) {
 *     int64_t i;
 *     if (tern_io_value_get_int(&value, &i) == TERN_IO_OK) { ... }
 * }
 * tern_io_dec_cleanup(&dec);              // r is TERN_IO_END or an error
 * @endcode
 */
#ifndef TERN_LWM2M_IO_H
#define TERN_LWM2M_IO_H

#include "io_buf.h"
#include "io_defs.h"
#include "io_lwm2m_cbor.h"
#include "io_path.h"
#include "io_senml.h"
#include "io_single.h"
#include "io_tlv.h"
#include "io_value.h"

/**
 * Worst-case extra room a fixed output buffer needs beyond the final
 * payload: the hierarchical encoders reserve container headers at their
 * largest size and shrink them when the container closes.
 */
#define TERN_IO_ENC_SLACK 24

/**
 * Encoder. Lives wherever the caller likes (no allocation of its own);
 * fields are private.
 *
 * Rules common to all formats:
 * - every added path must be valid and lie inside the base path, otherwise
 *   TERN_IO_ERR_PATH_OUTSIDE_REQUEST;
 * - TLV and LwM2M CBOR need entries in strictly ascending path order with
 *   no entry below an earlier one (TERN_IO_ERR_STATE otherwise), SenML
 *   takes any order and repeated paths (Send with several timestamps);
 * - a failed add() leaves a payload that holds exactly the entries added
 *   before it, and can be finished and sent (so a caller that hits
 *   TERN_IO_ERR_BUFFER_TOO_SMALL still has a valid partial payload). The
 *   hierarchical encoders may already have closed the containers of the
 *   previous entry; afterwards the failed path may be added again, and so
 *   may any later one, but nothing before it;
 * - after a successful add(), finish() cannot run out of room.
 */
typedef struct tern_io_enc {
    uint16_t format;
    bool finished;
    tern_io_buf_t *out;
    size_t start;
    tern_io_path_t base;
    size_t count;
    union {
        tern_io_tlv_enc_t tlv;
        tern_io_senml_enc_t senml;
        tern_io_lwm2m_cbor_enc_t lcbor;
    } u;
} tern_io_enc_t;

/** True if an encoder exists for @p format. */
bool tern_io_enc_supports(uint16_t format);

/**
 * True if @p format can express an empty Object Instance or an empty
 * Multiple Resource (TLV, LwM2M CBOR): the caller should then add() a NULL
 * value on that instance or resource path instead of nothing.
 */
bool tern_io_enc_has_containers(uint16_t format);

/**
 * Starts an encoding into @p out (which keeps its previous content; new
 * bytes are appended).
 *
 * @param base  the request path (Read, Observe/Notify), or the root for
 *              Send and the composite operations. TLV needs at least an
 *              Object; text, opaque and application/cbor a Resource or
 *              Resource Instance.
 * @returns TERN_IO_OK, TERN_IO_ERR_UNSUPPORTED for an unknown format or a
 *          base path the format cannot express, or a buffer error.
 */
int tern_io_enc_init(tern_io_enc_t *enc, uint16_t format,
                     const tern_io_path_t *base, tern_io_buf_t *out);

/**
 * Adds one entry. RAW_* values are refused (TERN_IO_ERR_INVALID_ARG).
 * Single-value formats take exactly one entry whose path equals the base
 * path; a second one, or a value type the format cannot carry, is
 * TERN_IO_ERR_UNSUPPORTED.
 */
int tern_io_enc_add(tern_io_enc_t *enc, const tern_io_path_t *path,
                    const tern_io_value_t *value);

/**
 * Like @ref tern_io_enc_add with a timestamp in seconds since the Unix
 * epoch. Only SenML can carry it; the other formats ignore it.
 */
int tern_io_enc_add_timed(tern_io_enc_t *enc, const tern_io_path_t *path,
                          const tern_io_value_t *value, double time_s);

/**
 * Completes the payload. @p out_len receives the number of bytes this
 * encoder appended. A single-value format without its value is
 * TERN_IO_ERR_UNSUPPORTED.
 */
int tern_io_enc_finish(tern_io_enc_t *enc, size_t *out_len);

/**
 * Decoder over one complete payload. The payload must stay unchanged while
 * the decoder is used: values are views into it wherever possible. Fields
 * are private.
 *
 * After an error every further next() repeats it. Duplicated paths are not
 * detected.
 */
typedef struct tern_io_dec {
    uint16_t format;
    int status;
    tern_io_path_t req;
    const uint8_t *data;
    size_t len;
    tern_io_arena_t arena;
    double time;
    union {
        bool single_done;
        tern_io_tlv_dec_t tlv;
        tern_io_senml_dec_t senml;
        tern_io_lwm2m_cbor_dec_t lcbor;
    } u;
} tern_io_dec_t;

/** True if a decoder exists for @p format. */
bool tern_io_dec_supports(uint16_t format);

/**
 * Prepares to decode. @p req is the request path (the root for composite
 * operations). Decoding itself starts at the first next().
 *
 * @returns TERN_IO_OK or TERN_IO_ERR_UNSUPPORTED (format, or a request path
 *          the format cannot serve; the decoder is still safe to clean up).
 */
int tern_io_dec_init(tern_io_dec_t *dec, uint16_t format,
                     const tern_io_path_t *req, const void *data, size_t len);

/**
 * Next entry. Single-value formats give the request path and one value;
 * text/plain yields RAW_TEXT, TLV RAW_TLV (see io_value.h), the others
 * typed values. Views stay valid until the next call or cleanup.
 *
 * @returns TERN_IO_OK, TERN_IO_END, or an error (MALFORMED, UNSUPPORTED,
 *          PATH_OUTSIDE_REQUEST, LIMIT, NO_MEMORY).
 */
int tern_io_dec_next(tern_io_dec_t *dec, tern_io_path_t *out_path,
                     tern_io_value_t *out_value);

/**
 * Timestamp of the entry last returned (SenML "bt" + "t", in seconds), or
 * NaN when it had none.
 */
double tern_io_dec_time(const tern_io_dec_t *dec);

/** Frees scratch memory; safe after any outcome of init(). */
void tern_io_dec_cleanup(tern_io_dec_t *dec);

#endif /* TERN_LWM2M_IO_H */
