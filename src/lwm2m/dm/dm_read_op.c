/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <stdlib.h>

#include <avsystem/commons/avs_memory.h>

#include "../anjay_core.h"
#include "dm_errors.h"
#include "dm_log.h"
#include "dm_ops.h"
#include "dm_read.h"

static bool is_single_value_format(uint16_t format) {
    return format == TERN_IO_FMT_TEXT || format == TERN_IO_FMT_OPAQUE ||
           format == TERN_IO_FMT_CBOR;
}

static uint16_t default_hierarchical_format(anjay_lwm2m_version_t version) {
    return version >= ANJAY_LWM2M_VERSION_1_1 ? TERN_IO_FMT_SENML_CBOR
                                              : TERN_IO_FMT_TLV;
}

/* A target holds a single value when it is a Resource Instance or a
 * Single-Instance Resource; a failed lookup is left to the read itself. */
static bool targets_single_value(anjay_t *anjay, const tern_io_path_t *path) {
    if (path->len == 4) {
        return true;
    }
    if (path->len != 3) {
        return false;
    }
    tern_dm_object_t obj = tern_dm_find_object(anjay, path->ids[TERN_IO_OID]);
    tern_dm_res_entry_t res;
    if (!obj ||
        tern_dm_instance_present(anjay, obj, path->ids[TERN_IO_IID]) <= 0 ||
        tern_dm_resource_info(anjay, obj, path->ids[TERN_IO_IID],
                              path->ids[TERN_IO_RID], &res)) {
        return true;
    }
    return !tern_dm_kind_multiple(res.kind);
}

static int choose_read_format(tern_dm_op_ctx_t *ctx, bool single_value) {
    const tern_dm_request_t *req = ctx->req;
    if (req->accept == TERN_DM_FORMAT_NONE) {
        ctx->out_format =
                single_value && !ctx->anjay->config.prefer_hierarchical_formats
                        ? TERN_IO_FMT_TEXT
                        : default_hierarchical_format(req->lwm2m_version);
        return 0;
    }
    if (!tern_io_enc_supports(req->accept) ||
        (is_single_value_format(req->accept) && !single_value)) {
        dm_log(DEBUG, "cannot answer a Read of %u-level path in format %u",
               (unsigned) req->path.len, (unsigned) req->accept);
        return ANJAY_ERR_NOT_ACCEPTABLE;
    }
    ctx->out_format = req->accept;
    return 0;
}

/* Maps an encoder failure: a value the chosen format cannot carry (opaque
 * for an integer, say) means the Accept cannot be honoured. */
static int encode_error(int status) {
    switch (status) {
        case TERN_IO_ERR_UNSUPPORTED:
        case TERN_IO_ERR_TYPE:
            dm_log(DEBUG, "the requested format cannot carry the value");
            return ANJAY_ERR_NOT_ACCEPTABLE;
        case TERN_IO_ERR_BUFFER_TOO_SMALL:
            dm_log(WARNING, "response payload exceeds the size limit");
            return ANJAY_ERR_INTERNAL;
        default:
            dm_log(ERROR, "cannot encode the response: %s",
                   tern_io_strerror(status));
            return ANJAY_ERR_INTERNAL;
    }
}

static int encode_cb(anjay_t *anjay, const tern_io_path_t *path,
                     const tern_io_value_t *value, void *arg) {
    (void) anjay;
    int status = tern_io_enc_add((tern_io_enc_t *) arg, path, value);
    return status ? encode_error(status) : 0;
}

static int finish_encoding(tern_io_enc_t *enc) {
    size_t len;
    int status = tern_io_enc_finish(enc, &len);
    return status ? encode_error(status) : 0;
}

int tern_dm_op_read(tern_dm_op_ctx_t *ctx) {
    const tern_dm_request_t *req = ctx->req;
    bool bootstrap = req->ssid == ANJAY_SSID_BOOTSTRAP;
    if (req->path.len < 1) {
        dm_log(DEBUG, "Read on the root path is not allowed");
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    if (bootstrap &&
        (req->path.len > 2 ||
         (req->path.ids[TERN_IO_OID] != ANJAY_DM_OID_SERVER &&
          req->path.ids[TERN_IO_OID] != ANJAY_DM_OID_ACCESS_CONTROL))) {
        dm_log(DEBUG, "Bootstrap-Read is only allowed on Server and Access "
                      "Control Objects and their Instances");
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    int result = choose_read_format(
            ctx, targets_single_value(ctx->anjay, &req->path));
    if (result) {
        return result;
    }
    tern_io_enc_t enc;
    int status = tern_io_enc_init(&enc, ctx->out_format, &req->path, ctx->out);
    if (status) {
        return encode_error(status);
    }
    result = tern_dm_read_values(
            ctx->anjay, &req->path,
            bootstrap ? TERN_DM_READER_BOOTSTRAP : TERN_DM_READER_SERVER,
            tern_io_enc_has_containers(ctx->out_format), encode_cb, &enc);
    if (!result) {
        result = finish_encoding(&enc);
    }
    return result;
}

typedef struct {
    tern_io_path_t *items;
    size_t count;
    size_t capacity;
} path_list_t;

static int collect_path_cb(const tern_io_path_t *path, void *arg) {
    path_list_t *list = (path_list_t *) arg;
    if (list->count == list->capacity) {
        size_t new_capacity = list->capacity ? 2 * list->capacity : 8;
        tern_io_path_t *grown = (tern_io_path_t *) avs_realloc(
                list->items, new_capacity * sizeof(*grown));
        if (!grown) {
            dm_log(ERROR, "out of memory collecting Read-Composite paths");
            return ANJAY_ERR_INTERNAL;
        }
        list->items = grown;
        list->capacity = new_capacity;
    }
    list->items[list->count++] = *path;
    return 0;
}

static int compare_paths(const void *a, const void *b) {
    return tern_io_path_compare((const tern_io_path_t *) a,
                                (const tern_io_path_t *) b);
}

static int decode_paths(const tern_dm_request_t *req, path_list_t *out) {
    tern_io_dec_t dec;
    int result = tern_dm_open_decoder(req, &dec);
    if (result) {
        return result;
    }
    tern_io_path_t path;
    tern_io_value_t value;
    int status = TERN_IO_END;
    while (!result && (status = tern_io_dec_next(&dec, &path, &value)) == 0) {
        if (!tern_io_path_is_valid(&path) || path.len < 1) {
            dm_log(DEBUG, "Read-Composite lists an invalid path");
            result = ANJAY_ERR_BAD_REQUEST;
        } else {
            result = collect_path_cb(&path, out);
        }
    }
    if (!result && status != TERN_IO_END) {
        result = tern_dm_decode_error(status);
    }
    tern_io_dec_cleanup(&dec);
    return result;
}

int tern_dm_op_read_composite(tern_dm_op_ctx_t *ctx) {
    const tern_dm_request_t *req = ctx->req;
    if (req->path.len) {
        dm_log(DEBUG, "Read-Composite must target the root path");
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    if (req->accept != TERN_DM_FORMAT_NONE) {
        if (!tern_io_enc_supports(req->accept) ||
            is_single_value_format(req->accept) ||
            req->accept == TERN_IO_FMT_TLV) {
            dm_log(DEBUG, "Read-Composite cannot be answered in format %u",
                   (unsigned) req->accept);
            return ANJAY_ERR_NOT_ACCEPTABLE;
        }
        ctx->out_format = req->accept;
    } else if (req->content_format == TERN_IO_FMT_SENML_JSON ||
               req->content_format == TERN_IO_FMT_LWM2M_CBOR) {
        ctx->out_format = req->content_format;
    } else {
        ctx->out_format = TERN_IO_FMT_SENML_CBOR;
    }
    path_list_t paths = {NULL, 0, 0};
    int result = decode_paths(req, &paths);
    if (result) {
        avs_free(paths.items);
        return result;
    }
    /* Ascending order suits every encoder; a path below one already read
     * would repeat values. An empty list has no array, and qsort() must
     * not be given NULL. */
    if (paths.count > 1) {
        qsort(paths.items, paths.count, sizeof(*paths.items), compare_paths);
    }
    tern_io_enc_t enc;
    tern_io_path_t root = tern_io_path_root();
    int status = tern_io_enc_init(&enc, ctx->out_format, &root, ctx->out);
    result = status ? encode_error(status) : 0;
    const tern_io_path_t *previous = NULL;
    for (size_t i = 0; !result && i < paths.count; ++i) {
        if (previous && tern_io_path_is_prefix(previous, &paths.items[i])) {
            continue;
        }
        previous = &paths.items[i];
        result = tern_dm_read_values(
                ctx->anjay, &paths.items[i], TERN_DM_READER_SERVER,
                tern_io_enc_has_containers(ctx->out_format), encode_cb, &enc);
        /* Paths that do not exist or may not be read are left out. */
        if (result == ANJAY_ERR_NOT_FOUND || result == ANJAY_ERR_UNAUTHORIZED ||
            result == ANJAY_ERR_METHOD_NOT_ALLOWED) {
            result = 0;
        }
    }
    if (!result) {
        result = finish_encoding(&enc);
    }
    avs_free(paths.items);
    return result;
}
