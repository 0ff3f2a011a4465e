/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * LwM2M Send batches (anjay/lwm2m_send.h): timestamped values collected by
 * the application or read from the data model. The data model builds
 * them; the session layer implements anjay_send() and encodes a batch into
 * the Send payload with tern_send_batch_encode().
 */
#ifndef TERN_LWM2M_DM_SEND_BATCH_H
#define TERN_LWM2M_DM_SEND_BATCH_H

#include <anjay/lwm2m_send.h>

#include "../io/io.h"

/** One value of a batch. String and opaque values point to owned copies. */
typedef struct {
    /** /oid/iid/rid or /oid/iid/rid/riid. */
    tern_io_path_t path;
    /** When the value was valid; see anjay_send_batch_add_int() for the
     * meaning of small values. */
    avs_time_real_t timestamp;
    /** The value. */
    tern_io_value_t value;
} tern_send_entry_t;

/** Values being collected. */
struct anjay_send_batch_builder_struct {
    /** The entries, in the order they were added. */
    tern_send_entry_t *entries;
    /** Number of entries. */
    size_t count;
    /** Allocated slots. */
    size_t capacity;
};

/** A compiled, immutable batch. */
struct anjay_send_batch_struct {
    /** References held (anjay_send_batch_acquire / _release). */
    size_t refcount;
    /** The entries, in the order they were added. */
    tern_send_entry_t *entries;
    /** Number of entries. */
    size_t count;
};

/**
 * Encodes a batch as the payload of a Send (SenML JSON, SenML CBOR or LwM2M
 * CBOR). Absolute timestamps are sent as they are; relative ones (before
 * 2^28 s) as their offset from @p now, which must then be relative too.
 *
 * @param batch  The batch.
 * @param format Content-Format of the payload.
 * @param now    Serialization time, usually avs_time_real_now().
 * @param out    Receives the payload (appended).
 * @returns 0, ANJAY_ERR_NOT_ACCEPTABLE for a format that cannot carry the
 *          batch, or ANJAY_ERR_INTERNAL (logged).
 */
int tern_send_batch_encode(const anjay_send_batch_t *batch, uint16_t format,
                           avs_time_real_t now, tern_io_buf_t *out);

#endif /* TERN_LWM2M_DM_SEND_BATCH_H */
