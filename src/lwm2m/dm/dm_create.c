/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "../anjay_core.h"
#include "dm_errors.h"
#include "dm_ops.h"
#include "dm_write.h"

static int lowest_free_iid(anjay_t *anjay, tern_dm_object_t obj,
                           anjay_iid_t *out) {
    tern_dm_id_list_t iids;
    int result = tern_dm_list_instances(anjay, obj, &iids);
    if (result) {
        return result;
    }
    anjay_iid_t candidate = 0;
    for (size_t i = 0; i < iids.count && iids.ids[i] == candidate; ++i) {
        ++candidate;
    }
    tern_dm_id_list_free(&iids);
    if (candidate == ANJAY_ID_INVALID) {
        dm_log(DEBUG, "Object /%u has no free Instance ID",
               (unsigned) tern_dm_oid(obj));
        return ANJAY_ERR_BAD_REQUEST;
    }
    *out = candidate;
    return 0;
}

static int create_instance(anjay_t *anjay, tern_dm_object_t obj,
                           anjay_iid_t iid, anjay_ssid_t ssid) {
    int present = tern_dm_instance_present(anjay, obj, iid);
    if (present) {
        if (present > 0) {
            dm_log(DEBUG, "Instance /%u/%u exists already",
                   (unsigned) tern_dm_oid(obj), (unsigned) iid);
        }
        return present > 0 ? ANJAY_ERR_BAD_REQUEST : present;
    }
    int result = tern_dm_call_instance_create(anjay, obj, iid);
    if (result) {
        dm_log(DEBUG, "instance_create of /%u/%u failed: %d",
               (unsigned) tern_dm_oid(obj), (unsigned) iid, result);
        return result;
    }
    tern_io_path_t object_path = tern_io_path_object(tern_dm_oid(obj));
    return tern_dm_changes_record(anjay, TERN_DM_CHANGE_INSTANCES, &object_path,
                                  ssid);
}

/* The Instance ID comes from the first entry of the payload, or is chosen
 * here when the payload does not carry one (TLV Resources without an
 * Instance around them). Every entry must belong to that one Instance. */
static int create_from_payload(tern_dm_op_ctx_t *ctx, tern_dm_object_t obj,
                               tern_dm_writer_t *writer, anjay_iid_t *out_iid) {
    tern_io_dec_t dec;
    int result = tern_dm_open_decoder(ctx->req, &dec);
    if (result) {
        return result;
    }
    bool created = false;
    anjay_iid_t payload_iid = ANJAY_ID_INVALID;
    tern_io_path_t path;
    tern_io_value_t value;
    int status = TERN_IO_END;
    while (!result && (status = tern_io_dec_next(&dec, &path, &value)) == 0) {
        if (path.len < 2) {
            dm_log(DEBUG, "Create payload entry does not name an Instance");
            result = ANJAY_ERR_BAD_REQUEST;
            break;
        }
        if (!created) {
            payload_iid = path.ids[TERN_IO_IID];
            if (payload_iid == ANJAY_ID_INVALID) {
                result = lowest_free_iid(ctx->anjay, obj, out_iid);
            } else {
                *out_iid = payload_iid;
            }
            if (!result) {
                result = create_instance(ctx->anjay, obj, *out_iid,
                                         ctx->req->ssid);
            }
            created = !result;
        } else if (path.ids[TERN_IO_IID] != payload_iid) {
            dm_log(DEBUG, "Create payload spans more than one Instance");
            result = ANJAY_ERR_BAD_REQUEST;
        }
        if (!result && path.len >= 3) {
            path.ids[TERN_IO_IID] = *out_iid;
            result = tern_dm_write_entry(writer, obj, &path, &value, true);
        }
    }
    if (!result && status != TERN_IO_END) {
        result = tern_dm_decode_error(status);
    }
    if (!result && !created) {
        /* An empty payload in a format with content: nothing given. */
        if (!(result = lowest_free_iid(ctx->anjay, obj, out_iid))) {
            result = create_instance(ctx->anjay, obj, *out_iid, ctx->req->ssid);
        }
    }
    tern_io_dec_cleanup(&dec);
    return result;
}

int tern_dm_op_create(tern_dm_op_ctx_t *ctx) {
    const tern_dm_request_t *req = ctx->req;
    if (req->path.len != 1) {
        dm_log(DEBUG, "Create must target an Object");
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    anjay_oid_t oid = req->path.ids[TERN_IO_OID];
    tern_dm_object_t obj;
    int result = tern_dm_lookup(ctx->anjay, &req->path, req->ssid, &obj);
    if (result) {
        return result;
    }
    if (!(*obj)->handlers.instance_create) {
        dm_log(DEBUG, "/%u has no instance_create handler", (unsigned) oid);
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    tern_dm_writer_t writer;
    tern_dm_writer_init(&writer, ctx->anjay, req->ssid, TERN_DM_WRITE_REPLACE);
    anjay_iid_t iid = ANJAY_ID_INVALID;
    tern_dm_transaction_begin(ctx->anjay);
    if (req->content_format == TERN_DM_FORMAT_NONE && !req->payload_size) {
        if (!(result = lowest_free_iid(ctx->anjay, obj, &iid))) {
            result = create_instance(ctx->anjay, obj, iid, req->ssid);
        }
    } else {
        result = create_from_payload(ctx, obj, &writer, &iid);
    }
    result = tern_dm_transaction_finish(ctx->anjay, result);
    tern_dm_writer_cleanup(&writer);
    if (!result) {
        ctx->location = tern_io_path_instance(oid, iid);
    }
    return result;
}
