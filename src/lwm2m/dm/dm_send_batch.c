/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <math.h>
#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "../anjay_core.h"
#include "dm_log.h"
#include "dm_read.h"
#include "dm_send_batch.h"

/* SenML: times below 2^28 s are relative to the time of serialization. */
#define SENML_RELATIVE_LIMIT_S (1 << 28)

static void free_entry(tern_send_entry_t *entry) {
    if (entry->value.type == TERN_IO_TYPE_STRING ||
        entry->value.type == TERN_IO_TYPE_BYTES) {
        avs_free((void *) (intptr_t) entry->value.u.view.data);
    }
}

static void free_entries(tern_send_entry_t *entries, size_t count) {
    for (size_t i = 0; i < count; ++i) {
        free_entry(&entries[i]);
    }
    avs_free(entries);
}

anjay_send_batch_builder_t *anjay_send_batch_builder_new(void) {
    anjay_send_batch_builder_t *builder =
            (anjay_send_batch_builder_t *) avs_calloc(
                    1, sizeof(anjay_send_batch_builder_t));
    if (!builder) {
        dm_log(ERROR, "out of memory creating a Send batch builder");
    }
    return builder;
}

void anjay_send_batch_builder_cleanup(anjay_send_batch_builder_t **builder) {
    if (builder && *builder) {
        free_entries((*builder)->entries, (*builder)->count);
        avs_free(*builder);
        *builder = NULL;
    }
}

/* Rolls the builder back to @p count entries, for all-or-nothing adds. */
static void truncate_builder(anjay_send_batch_builder_t *builder,
                             size_t count) {
    while (builder->count > count) {
        free_entry(&builder->entries[--builder->count]);
    }
}

static int add_entry(anjay_send_batch_builder_t *builder,
                     const tern_io_path_t *path, avs_time_real_t timestamp,
                     const tern_io_value_t *value) {
    if (!builder) {
        return -1;
    }
    if (builder->count == builder->capacity) {
        size_t new_capacity = builder->capacity ? 2 * builder->capacity : 8;
        tern_send_entry_t *grown = (tern_send_entry_t *) avs_realloc(
                builder->entries, new_capacity * sizeof(*grown));
        if (!grown) {
            dm_log(ERROR, "out of memory adding to a Send batch");
            return -1;
        }
        builder->entries = grown;
        builder->capacity = new_capacity;
    }
    tern_send_entry_t *entry = &builder->entries[builder->count];
    entry->path = *path;
    entry->timestamp = timestamp;
    entry->value = *value;
    if (value->type == TERN_IO_TYPE_STRING ||
        value->type == TERN_IO_TYPE_BYTES) {
        void *copy = avs_malloc(value->u.view.len ? value->u.view.len : 1);
        if (!copy) {
            dm_log(ERROR, "out of memory adding to a Send batch");
            return -1;
        }
        if (value->u.view.len) {
            memcpy(copy, value->u.view.data, value->u.view.len);
        }
        entry->value.u.view.data = copy;
    }
    ++builder->count;
    return 0;
}

static int make_path(anjay_oid_t oid, anjay_iid_t iid, anjay_rid_t rid,
                     anjay_riid_t riid, tern_io_path_t *out) {
    if (oid == ANJAY_ID_INVALID || iid == ANJAY_ID_INVALID ||
        rid == ANJAY_ID_INVALID) {
        dm_log(ERROR, "Send batch paths need valid Object, Instance and "
                      "Resource IDs");
        return -1;
    }
    *out = riid == ANJAY_ID_INVALID
                   ? tern_io_path_resource(oid, iid, rid)
                   : tern_io_path_resource_instance(oid, iid, rid, riid);
    return 0;
}

static int add_value(anjay_send_batch_builder_t *builder, anjay_oid_t oid,
                     anjay_iid_t iid, anjay_rid_t rid, anjay_riid_t riid,
                     avs_time_real_t timestamp, const tern_io_value_t *value) {
    tern_io_path_t path;
    if (make_path(oid, iid, rid, riid, &path)) {
        return -1;
    }
    return add_entry(builder, &path, timestamp, value);
}

int anjay_send_batch_add_int(anjay_send_batch_builder_t *builder,
                             anjay_oid_t oid, anjay_iid_t iid, anjay_rid_t rid,
                             anjay_riid_t riid, avs_time_real_t timestamp,
                             int64_t value) {
    tern_io_value_t v = tern_io_value_int(value);
    return add_value(builder, oid, iid, rid, riid, timestamp, &v);
}

int anjay_send_batch_add_uint(anjay_send_batch_builder_t *builder,
                              anjay_oid_t oid, anjay_iid_t iid, anjay_rid_t rid,
                              anjay_riid_t riid, avs_time_real_t timestamp,
                              uint64_t value) {
    tern_io_value_t v = tern_io_value_uint(value);
    return add_value(builder, oid, iid, rid, riid, timestamp, &v);
}

int anjay_send_batch_add_double(anjay_send_batch_builder_t *builder,
                                anjay_oid_t oid, anjay_iid_t iid,
                                anjay_rid_t rid, anjay_riid_t riid,
                                avs_time_real_t timestamp, double value) {
    tern_io_value_t v = tern_io_value_double(value);
    return add_value(builder, oid, iid, rid, riid, timestamp, &v);
}

int anjay_send_batch_add_bool(anjay_send_batch_builder_t *builder,
                              anjay_oid_t oid, anjay_iid_t iid, anjay_rid_t rid,
                              anjay_riid_t riid, avs_time_real_t timestamp,
                              bool value) {
    tern_io_value_t v = tern_io_value_bool(value);
    return add_value(builder, oid, iid, rid, riid, timestamp, &v);
}

int anjay_send_batch_add_string(anjay_send_batch_builder_t *builder,
                                anjay_oid_t oid, anjay_iid_t iid,
                                anjay_rid_t rid, anjay_riid_t riid,
                                avs_time_real_t timestamp, const char *str) {
    if (!str) {
        dm_log(ERROR, "anjay_send_batch_add_string: NULL string");
        return -1;
    }
    tern_io_value_t v = tern_io_value_string(str);
    return add_value(builder, oid, iid, rid, riid, timestamp, &v);
}

int anjay_send_batch_add_bytes(anjay_send_batch_builder_t *builder,
                               anjay_oid_t oid, anjay_iid_t iid,
                               anjay_rid_t rid, anjay_riid_t riid,
                               avs_time_real_t timestamp, const void *data,
                               size_t length) {
    if (!data && length) {
        dm_log(ERROR, "anjay_send_batch_add_bytes: NULL data");
        return -1;
    }
    tern_io_value_t v = tern_io_value_bytes(length ? data : "", length);
    return add_value(builder, oid, iid, rid, riid, timestamp, &v);
}

int anjay_send_batch_add_objlnk(anjay_send_batch_builder_t *builder,
                                anjay_oid_t oid, anjay_iid_t iid,
                                anjay_rid_t rid, anjay_riid_t riid,
                                avs_time_real_t timestamp,
                                anjay_oid_t objlnk_oid,
                                anjay_iid_t objlnk_iid) {
    tern_io_value_t v = tern_io_value_objlnk(objlnk_oid, objlnk_iid);
    return add_value(builder, oid, iid, rid, riid, timestamp, &v);
}

typedef struct {
    anjay_send_batch_builder_t *builder;
    avs_time_real_t timestamp;
} add_current_t;

static int add_current_cb(anjay_t *anjay, const tern_io_path_t *path,
                          const tern_io_value_t *value, void *arg) {
    (void) anjay;
    add_current_t *ctx = (add_current_t *) arg;
    return add_entry(ctx->builder, path, ctx->timestamp, value)
                   ? ANJAY_ERR_INTERNAL
                   : 0;
}

/* Security (0) holds credentials and OSCORE (21) keys: never sent. */
static int add_current(anjay_send_batch_builder_t *builder, anjay_t *anjay,
                       const anjay_send_resource_path_t *path,
                       avs_time_real_t timestamp) {
    tern_io_path_t target;
    if (make_path(path->oid, path->iid, path->rid, ANJAY_ID_INVALID, &target)) {
        return -1;
    }
    if (path->oid == ANJAY_DM_OID_SECURITY || path->oid == 21) {
        dm_log(ERROR, "Object /%u may not be sent", (unsigned) path->oid);
        return -1;
    }
    add_current_t ctx = {builder, timestamp};
    return tern_dm_read_values(anjay, &target, TERN_DM_READER_INTERNAL, false,
                               add_current_cb, &ctx);
}

static int add_current_multiple(anjay_send_batch_builder_t *builder,
                                anjay_t *anjay,
                                const anjay_send_resource_path_t *paths,
                                size_t paths_length, bool ignore_not_found) {
    if (!builder || !anjay || (!paths && paths_length)) {
        return -1;
    }
    size_t mark = builder->count;
    avs_time_real_t now = avs_time_real_now();
    for (size_t i = 0; i < paths_length; ++i) {
        int result = add_current(builder, anjay, &paths[i], now);
        if (result == ANJAY_ERR_NOT_FOUND && ignore_not_found) {
            continue;
        }
        if (result) {
            truncate_builder(builder, mark);
            return result;
        }
    }
    return 0;
}

int anjay_send_batch_data_add_current(anjay_send_batch_builder_t *builder,
                                      anjay_t *anjay, anjay_oid_t oid,
                                      anjay_iid_t iid, anjay_rid_t rid) {
    const anjay_send_resource_path_t path = {oid, iid, rid};
    return add_current_multiple(builder, anjay, &path, 1, false);
}

int anjay_send_batch_data_add_current_multiple(
        anjay_send_batch_builder_t *builder, anjay_t *anjay,
        const anjay_send_resource_path_t *paths, size_t paths_length) {
    return add_current_multiple(builder, anjay, paths, paths_length, false);
}

int anjay_send_batch_data_add_current_multiple_ignore_not_found(
        anjay_send_batch_builder_t *builder, anjay_t *anjay,
        const anjay_send_resource_path_t *paths, size_t paths_length) {
    return add_current_multiple(builder, anjay, paths, paths_length, true);
}

anjay_send_batch_t *
anjay_send_batch_builder_compile(anjay_send_batch_builder_t **builder) {
    if (!builder || !*builder) {
        return NULL;
    }
    anjay_send_batch_t *batch =
            (anjay_send_batch_t *) avs_calloc(1, sizeof(anjay_send_batch_t));
    if (!batch) {
        dm_log(ERROR, "out of memory compiling a Send batch");
        return NULL;
    }
    batch->refcount = 1;
    batch->entries = (*builder)->entries;
    batch->count = (*builder)->count;
    avs_free(*builder);
    *builder = NULL;
    return batch;
}

anjay_send_batch_t *anjay_send_batch_acquire(const anjay_send_batch_t *batch) {
    /* Immutable content; only the reference count changes. */
    anjay_send_batch_t *mutable_batch = (anjay_send_batch_t *) (intptr_t) batch;
    ++mutable_batch->refcount;
    return mutable_batch;
}

void anjay_send_batch_release(anjay_send_batch_t **batch) {
    if (!batch || !*batch) {
        return;
    }
    if (!--(*batch)->refcount) {
        free_entries((*batch)->entries, (*batch)->count);
        avs_free(*batch);
    }
    *batch = NULL;
}

static bool is_absolute(avs_time_real_t time) {
    return time.since_real_epoch.seconds >= SENML_RELATIVE_LIMIT_S;
}

/* NaN means "no time". */
static double senml_time(avs_time_real_t timestamp, avs_time_real_t now) {
    if (!avs_time_real_valid(timestamp)) {
        return NAN;
    }
    if (is_absolute(timestamp) != is_absolute(now) ||
        avs_time_real_before(now, timestamp)) {
        dm_log(DEBUG, "Send timestamp does not fit the serialization time");
        return NAN;
    }
    if (is_absolute(timestamp)) {
        return avs_time_duration_to_fscalar(timestamp.since_real_epoch,
                                            AVS_TIME_S);
    }
    return avs_time_duration_to_fscalar(avs_time_real_diff(timestamp, now),
                                        AVS_TIME_S);
}

int tern_send_batch_encode(const anjay_send_batch_t *batch, uint16_t format,
                           avs_time_real_t now, tern_io_buf_t *out) {
    if (format != TERN_IO_FMT_SENML_JSON && format != TERN_IO_FMT_SENML_CBOR &&
        format != TERN_IO_FMT_LWM2M_CBOR) {
        dm_log(ERROR, "Send cannot use Content-Format %u", (unsigned) format);
        return ANJAY_ERR_NOT_ACCEPTABLE;
    }
    tern_io_enc_t enc;
    tern_io_path_t root = tern_io_path_root();
    int status = tern_io_enc_init(&enc, format, &root, out);
    for (size_t i = 0; !status && i < batch->count; ++i) {
        const tern_send_entry_t *entry = &batch->entries[i];
        double time = senml_time(entry->timestamp, now);
        status = isnan(time)
                         ? tern_io_enc_add(&enc, &entry->path, &entry->value)
                         : tern_io_enc_add_timed(&enc, &entry->path,
                                                 &entry->value, time);
    }
    size_t len;
    if (!status) {
        status = tern_io_enc_finish(&enc, &len);
    }
    if (status) {
        dm_log(ERROR, "cannot encode the Send batch: %s",
               tern_io_strerror(status));
        return status == TERN_IO_ERR_STATE || status == TERN_IO_ERR_UNSUPPORTED
                       ? ANJAY_ERR_NOT_ACCEPTABLE
                       : ANJAY_ERR_INTERNAL;
    }
    return 0;
}
