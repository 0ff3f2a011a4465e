/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "../anjay_core.h"
#include "dm_changes.h"
#include "dm_input.h"
#include "dm_log.h"
#include "dm_write.h"

void tern_dm_writer_init(tern_dm_writer_t *writer, anjay_t *anjay,
                         anjay_ssid_t ssid, tern_dm_write_mode_t mode) {
    memset(writer, 0, sizeof(*writer));
    writer->anjay = anjay;
    writer->ssid = ssid;
    writer->mode = mode;
}

void tern_dm_writer_invalidate(tern_dm_writer_t *writer) {
    tern_dm_res_list_free(&writer->resources);
    writer->cached_obj = NULL;
}

void tern_dm_writer_cleanup(tern_dm_writer_t *writer) {
    tern_dm_writer_invalidate(writer);
    avs_free(writer->reset);
    writer->reset = NULL;
    writer->reset_count = 0;
    writer->reset_capacity = 0;
}

static int lookup_resource(tern_dm_writer_t *writer, tern_dm_object_t obj,
                           anjay_iid_t iid, anjay_rid_t rid,
                           tern_dm_res_entry_t *out) {
    if (writer->cached_obj != obj || writer->cached_iid != iid) {
        tern_dm_writer_invalidate(writer);
        int result = tern_dm_list_resources(writer->anjay, obj, iid,
                                            &writer->resources);
        if (result) {
            return result;
        }
        writer->cached_obj = obj;
        writer->cached_iid = iid;
    }
    for (size_t i = 0; i < writer->resources.count; ++i) {
        if (writer->resources.items[i].rid == rid) {
            *out = writer->resources.items[i];
            return 0;
        }
    }
    return ANJAY_ERR_NOT_FOUND;
}

static bool permitted(const tern_dm_writer_t *writer,
                      anjay_dm_resource_kind_t kind) {
    if (writer->mode == TERN_DM_WRITE_BOOTSTRAP) {
        return !tern_dm_kind_executable(kind);
    }
    return tern_dm_kind_writable(kind);
}

/* Empties a Multiple-Instance Resource once per operation in the replacing
 * modes; partial updates never empty anything. */
static int reset_once(tern_dm_writer_t *writer, tern_dm_object_t obj,
                      const tern_io_path_t *resource_path) {
    if (writer->mode == TERN_DM_WRITE_UPDATE) {
        return 0;
    }
    for (size_t i = 0; i < writer->reset_count; ++i) {
        if (tern_io_path_equal(&writer->reset[i], resource_path)) {
            return 0;
        }
    }
    if (writer->reset_count == writer->reset_capacity) {
        size_t new_capacity =
                writer->reset_capacity ? 2 * writer->reset_capacity : 4;
        tern_io_path_t *grown = (tern_io_path_t *) avs_realloc(
                writer->reset, new_capacity * sizeof(*grown));
        if (!grown) {
            dm_log(ERROR, "out of memory writing a Multiple Resource");
            return ANJAY_ERR_INTERNAL;
        }
        writer->reset = grown;
        writer->reset_capacity = new_capacity;
    }
    int result = tern_dm_call_resource_reset(writer->anjay, obj,
                                             resource_path->ids[TERN_IO_IID],
                                             resource_path->ids[TERN_IO_RID]);
    if (!result) {
        writer->reset[writer->reset_count++] = *resource_path;
    }
    return result;
}

static int call_write(tern_dm_writer_t *writer, tern_dm_object_t obj,
                      const tern_io_path_t *path,
                      const tern_io_value_t *value) {
    anjay_input_ctx_t in;
    tern_dm_input_init(&in, value);
    return tern_dm_call_resource_write(
            writer->anjay, obj, path->ids[TERN_IO_IID], path->ids[TERN_IO_RID],
            path->len > TERN_IO_RIID ? path->ids[TERN_IO_RIID]
                                     : ANJAY_ID_INVALID,
            &in);
}

static int write_value(tern_dm_writer_t *writer, tern_dm_object_t obj,
                       const tern_io_path_t *path, const tern_io_value_t *value,
                       anjay_dm_resource_kind_t kind) {
    tern_io_path_t resource_path = *path;
    tern_io_path_truncate(&resource_path, 3);
    if (tern_dm_kind_multiple(kind)) {
        if (path->len == 3 && value->type != TERN_IO_TYPE_NULL) {
            dm_log(DEBUG,
                   "a single value was sent for Multiple Resource "
                   "/%u/%u/%u",
                   (unsigned) path->ids[0], (unsigned) path->ids[1],
                   (unsigned) path->ids[2]);
            return ANJAY_ERR_BAD_REQUEST;
        }
        int result = reset_once(writer, obj, &resource_path);
        if (result || path->len == 3) {
            return result;
        }
    } else if (path->len == 4 || value->type == TERN_IO_TYPE_NULL) {
        dm_log(DEBUG, "Resource /%u/%u/%u is not a Multiple Resource",
               (unsigned) path->ids[0], (unsigned) path->ids[1],
               (unsigned) path->ids[2]);
        return ANJAY_ERR_BAD_REQUEST;
    }
    return call_write(writer, obj, path, value);
}

int tern_dm_write_entry(tern_dm_writer_t *writer, tern_dm_object_t obj,
                        const tern_io_path_t *path,
                        const tern_io_value_t *value, bool lenient) {
    tern_dm_res_entry_t res;
    int result = lookup_resource(writer, obj, path->ids[TERN_IO_IID],
                                 path->ids[TERN_IO_RID], &res);
    if (result == ANJAY_ERR_NOT_FOUND) {
        dm_log(DEBUG, "Resource /%u/%u/%u is not supported%s",
               (unsigned) path->ids[0], (unsigned) path->ids[1],
               (unsigned) path->ids[2], lenient ? ", skipped" : "");
        return lenient ? 0 : result;
    }
    if (result) {
        return result;
    }
    if (!permitted(writer, res.kind)) {
        dm_log(DEBUG, "Resource /%u/%u/%u is not writable",
               (unsigned) path->ids[0], (unsigned) path->ids[1],
               (unsigned) path->ids[2]);
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    result = write_value(writer, obj, path, value, res.kind);
    if (lenient && (result == ANJAY_ERR_NOT_FOUND ||
                    result == ANJAY_ERR_NOT_IMPLEMENTED)) {
        dm_log(DEBUG, "write of /%u/%u/%u refused by the Object, skipped",
               (unsigned) path->ids[0], (unsigned) path->ids[1],
               (unsigned) path->ids[2]);
        return 0;
    }
    if (!result) {
        tern_io_path_t resource_path = *path;
        tern_io_path_truncate(&resource_path, 3);
        result = tern_dm_changes_record(writer->anjay, TERN_DM_CHANGE_VALUE,
                                        &resource_path, writer->ssid);
    }
    return result;
}
