/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_memory.h>

#include "../anjay_core.h"
#include "../io/io_link_format.h"
#include "../objects/server_info.h"
#include "dm_attr_convert.h"
#include "dm_attributes.h"
#include "dm_ops.h"
#include "dm_read.h"

/*
 * Discover as LwM2M 1.1 defines it (no depth parameter):
 * - on an Object: the Object with its attributes, its Instances and their
 *   present Resources, without attributes of the lower levels;
 * - on an Instance: the Instance with the attributes that apply to it
 *   (inherited from the Object), and its present Resources with their own
 *   attributes and, for Multiple-Instance ones, dim;
 * - on a Resource: the Resource with dim and the attributes that apply to
 *   it (inherited), then its Resource Instances with their own attributes.
 */

typedef struct {
    anjay_t *anjay;
    tern_io_link_enc_t enc;
    anjay_ssid_t ssid;
    tern_io_buf_t *out;
    /* Text that is no link precedes the first link (LwM2M 1.0
     * Bootstrap-Discover), so that link needs a separator of its own. */
    bool separate_first;
} discover_t;

static int link_error(int status) {
    dm_log(WARNING, "cannot produce the Discover payload: %s",
           tern_io_strerror(status));
    return ANJAY_ERR_INTERNAL;
}

static int add_link(discover_t *d, const tern_io_path_t *path,
                    const tern_io_link_params_t *params) {
    int status = 0;
    if (d->separate_first) {
        status = tern_io_buf_putc(d->out, ',');
        d->separate_first = false;
    }
    if (!status) {
        status = tern_io_link_enc_add(&d->enc, path, params);
    }
    return status ? link_error(status) : 0;
}

static int add_with_attrs(discover_t *d, const tern_io_path_t *path,
                          tern_io_link_params_t *params,
                          const anjay_dm_r_attributes_t *attrs) {
    tern_io_attrs_t io_attrs;
    tern_dm_attrs_to_io(attrs, path->len >= 3, &io_attrs);
    params->attrs = &io_attrs;
    return add_link(d, path, params);
}

static int resource_dim(discover_t *d, tern_dm_object_t obj,
                        const tern_io_path_t *path, int32_t *out_dim) {
    tern_dm_id_list_t riids;
    int result = tern_dm_list_resource_instances(
            d->anjay, obj, path->ids[TERN_IO_IID], path->ids[TERN_IO_RID],
            &riids);
    if (!result) {
        *out_dim = (int32_t) riids.count;
        tern_dm_id_list_free(&riids);
    }
    return result;
}

static int discover_object_level(discover_t *d, tern_dm_object_t obj) {
    tern_io_path_t path = tern_io_path_object(tern_dm_oid(obj));
    anjay_dm_r_attributes_t attrs;
    int result = tern_dm_read_attrs(d->anjay, obj, &path, d->ssid, &attrs);
    tern_io_link_params_t params;
    tern_io_link_params_init(&params);
    params.ver = (*obj)->version;
    if (!result) {
        result = add_with_attrs(d, &path, &params, &attrs);
    }
    tern_dm_id_list_t iids;
    if (result || (result = tern_dm_list_instances(d->anjay, obj, &iids))) {
        return result;
    }
    for (size_t i = 0; !result && i < iids.count; ++i) {
        tern_io_path_t instance =
                tern_io_path_instance(tern_dm_oid(obj), iids.ids[i]);
        tern_dm_res_list_t resources;
        if ((result = add_link(d, &instance, NULL)) ||
            (result = tern_dm_list_resources(d->anjay, obj, iids.ids[i],
                                             &resources))) {
            break;
        }
        for (size_t r = 0; !result && r < resources.count; ++r) {
            if (resources.items[r].presence == ANJAY_DM_RES_PRESENT) {
                tern_io_path_t resource = tern_io_path_resource(
                        tern_dm_oid(obj), iids.ids[i], resources.items[r].rid);
                result = add_link(d, &resource, NULL);
            }
        }
        tern_dm_res_list_free(&resources);
    }
    tern_dm_id_list_free(&iids);
    return result;
}

static int discover_resource_line(discover_t *d, tern_dm_object_t obj,
                                  const tern_io_path_t *path,
                                  const tern_dm_res_entry_t *res,
                                  bool inherited) {
    tern_io_link_params_t params;
    tern_io_link_params_init(&params);
    int result = 0;
    if (tern_dm_kind_multiple(res->kind)) {
        result = resource_dim(d, obj, path, &params.dim);
    }
    anjay_dm_r_attributes_t attrs;
    if (!result) {
        result = inherited ? tern_dm_effective_attrs(d->anjay, path, d->ssid,
                                                     false, &attrs)
                           : tern_dm_read_attrs(d->anjay, obj, path, d->ssid,
                                                &attrs);
    }
    if (!result) {
        result = add_with_attrs(d, path, &params, &attrs);
    }
    return result;
}

static int discover_instance_level(discover_t *d, tern_dm_object_t obj,
                                   anjay_iid_t iid) {
    tern_io_path_t path = tern_io_path_instance(tern_dm_oid(obj), iid);
    anjay_dm_r_attributes_t attrs;
    tern_io_link_params_t params;
    tern_io_link_params_init(&params);
    tern_dm_res_list_t resources;
    int result;
    if ((result = tern_dm_effective_attrs(d->anjay, &path, d->ssid, false,
                                          &attrs)) ||
        (result = add_with_attrs(d, &path, &params, &attrs)) ||
        (result = tern_dm_list_resources(d->anjay, obj, iid, &resources))) {
        return result;
    }
    for (size_t r = 0; !result && r < resources.count; ++r) {
        if (resources.items[r].presence == ANJAY_DM_RES_PRESENT) {
            tern_io_path_t resource = tern_io_path_resource(
                    tern_dm_oid(obj), iid, resources.items[r].rid);
            result = discover_resource_line(d, obj, &resource,
                                            &resources.items[r], false);
        }
    }
    tern_dm_res_list_free(&resources);
    return result;
}

static int discover_resource_level(discover_t *d, tern_dm_object_t obj,
                                   const tern_io_path_t *path) {
    tern_dm_res_entry_t res;
    int result = tern_dm_lookup_present_resource(d->anjay, obj, path, &res);
    if (result) {
        return result;
    }
    if ((result = discover_resource_line(d, obj, path, &res, true)) ||
        !tern_dm_kind_multiple(res.kind)) {
        return result;
    }
    tern_dm_id_list_t riids;
    if ((result = tern_dm_list_resource_instances(
                 d->anjay, obj, path->ids[TERN_IO_IID], path->ids[TERN_IO_RID],
                 &riids))) {
        return result;
    }
    for (size_t i = 0; !result && i < riids.count; ++i) {
        tern_io_path_t instance = *path;
        instance.ids[TERN_IO_RIID] = riids.ids[i];
        instance.len = 4;
        anjay_dm_r_attributes_t attrs;
        tern_io_link_params_t params;
        tern_io_link_params_init(&params);
        if (!(result = tern_dm_read_attrs(d->anjay, obj, &instance, d->ssid,
                                          &attrs))) {
            result = add_with_attrs(d, &instance, &params, &attrs);
        }
    }
    tern_dm_id_list_free(&riids);
    return result;
}

int tern_dm_op_discover(tern_dm_op_ctx_t *ctx) {
    const tern_dm_request_t *req = ctx->req;
    if (req->path.len < 1 || req->path.len > 3) {
        dm_log(DEBUG, "Discover needs an Object, Instance or Resource");
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    tern_dm_object_t obj;
    int result = tern_dm_lookup(ctx->anjay, &req->path, req->ssid, &obj);
    if (result) {
        return result;
    }
    discover_t d = {
            ctx->anjay, {NULL, NULL, false}, req->ssid, ctx->out, false};
    tern_io_link_enc_init(&d.enc, ctx->out, NULL);
    ctx->out_format = TERN_IO_FMT_LINK_FORMAT;
    if (req->path.len == 1) {
        return discover_object_level(&d, obj);
    }
    if (req->path.len == 2) {
        return discover_instance_level(&d, obj, req->path.ids[TERN_IO_IID]);
    }
    return discover_resource_level(&d, obj, &req->path);
}

static int bootstrap_discover_instance(discover_t *d, tern_dm_object_t obj,
                                       anjay_iid_t iid,
                                       anjay_lwm2m_version_t version) {
    tern_io_path_t path = tern_io_path_instance(tern_dm_oid(obj), iid);
    tern_io_link_params_t params;
    tern_io_link_params_init(&params);
    uint8_t *uri = NULL;
    if (tern_dm_oid(obj) == ANJAY_DM_OID_SECURITY) {
        anjay_ssid_t ssid;
        if (!tern_security_ssid(d->anjay, iid, &ssid) &&
            ssid != ANJAY_SSID_BOOTSTRAP) {
            params.ssid = ssid;
        }
        tern_io_path_t uri_path =
                tern_io_path_resource(ANJAY_DM_OID_SECURITY, iid, 0);
        if (version >= ANJAY_LWM2M_VERSION_1_1 &&
            !tern_dm_read_bytes_alloc(d->anjay, &uri_path, &uri, NULL)) {
            params.uri = (const char *) uri;
        }
    } else if (tern_dm_oid(obj) == ANJAY_DM_OID_SERVER) {
        tern_io_path_t ssid_path =
                tern_io_path_resource(ANJAY_DM_OID_SERVER, iid, 0);
        int64_t ssid;
        if (!tern_dm_read_int(d->anjay, &ssid_path, &ssid) && ssid > 0 &&
            ssid < ANJAY_SSID_BOOTSTRAP) {
            params.ssid = (int32_t) ssid;
        }
    }
    int result = add_link(d, &path, &params);
    avs_free(uri);
    return result;
}

static int bootstrap_discover_object(discover_t *d, tern_dm_object_t obj,
                                     anjay_lwm2m_version_t version) {
    tern_io_path_t path = tern_io_path_object(tern_dm_oid(obj));
    tern_io_link_params_t params;
    tern_io_link_params_init(&params);
    params.ver = (*obj)->version;
    tern_dm_id_list_t iids;
    int result;
    if ((result = add_link(d, &path, &params)) ||
        (result = tern_dm_list_instances(d->anjay, obj, &iids))) {
        return result;
    }
    for (size_t i = 0; !result && i < iids.count; ++i) {
        result = bootstrap_discover_instance(d, obj, iids.ids[i], version);
    }
    tern_dm_id_list_free(&iids);
    return result;
}

int tern_dm_op_bootstrap_discover(tern_dm_op_ctx_t *ctx) {
    const tern_dm_request_t *req = ctx->req;
    if (req->path.len > 1) {
        dm_log(DEBUG, "Bootstrap-Discover needs the root or an Object");
        return ANJAY_ERR_BAD_REQUEST;
    }
    tern_dm_object_t only = NULL;
    if (req->path.len == 1 &&
        !(only = tern_dm_find_object(ctx->anjay, req->path.ids[TERN_IO_OID]))) {
        dm_log(DEBUG, "Object /%u not found",
               (unsigned) req->path.ids[TERN_IO_OID]);
        return ANJAY_ERR_NOT_FOUND;
    }
    discover_t d = {ctx->anjay,
                    {NULL, NULL, false},
                    ANJAY_SSID_BOOTSTRAP,
                    ctx->out,
                    false};
    ctx->out_format = TERN_IO_FMT_LINK_FORMAT;
    tern_io_link_enc_init(&d.enc, ctx->out, NULL);
    /* The enabler version leads the payload: as an attribute of a link to
     * the root in 1.1, as a bare attribute in 1.0. */
    int status;
    if (req->lwm2m_version >= ANJAY_LWM2M_VERSION_1_1) {
        tern_io_path_t root = tern_io_path_root();
        if (!(status = tern_io_link_enc_add(&d.enc, &root, NULL))) {
            status = tern_io_buf_puts(ctx->out, ";lwm2m=1.1");
        }
    } else {
        status = tern_io_buf_puts(ctx->out, "lwm2m=\"1.0\"");
        d.separate_first = true;
    }
    if (status) {
        return link_error(status);
    }
    if (only) {
        return bootstrap_discover_object(&d, only, req->lwm2m_version);
    }
    int result = 0;
    for (size_t i = 0; !result && i < ctx->anjay->dm.count; ++i) {
        result = bootstrap_discover_object(&d, ctx->anjay->dm.objects[i],
                                           req->lwm2m_version);
    }
    return result;
}
