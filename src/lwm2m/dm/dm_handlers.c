/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_memory.h>

#include "../anjay_core.h"
#include "dm_handlers.h"
#include "dm_log.h"

/* The listing contexts only collect: handlers are never re-entered from
 * anjay_dm_emit(), and the order check happens in one place. */
struct anjay_dm_list_ctx_struct {
    uint16_t *ids;
    size_t count;
    size_t capacity;
    int error;
};

struct anjay_dm_resource_list_ctx_struct {
    tern_dm_res_entry_t *items;
    size_t count;
    size_t capacity;
    int error;
};

static int grow(void **array, size_t *capacity, size_t element_size) {
    size_t new_capacity = *capacity ? 2 * *capacity : 8;
    void *grown = avs_realloc(*array, new_capacity * element_size);
    if (!grown) {
        return -1;
    }
    *array = grown;
    *capacity = new_capacity;
    return 0;
}

void anjay_dm_emit(anjay_dm_list_ctx_t *ctx, uint16_t id) {
    if (!ctx || ctx->error) {
        return;
    }
    if (id == ANJAY_ID_INVALID ||
        (ctx->count > 0 && ctx->ids[ctx->count - 1] >= id)) {
        dm_log(ERROR, "listing handler emitted ID %u out of ascending order",
               (unsigned) id);
        ctx->error = ANJAY_ERR_INTERNAL;
        return;
    }
    if (ctx->count == ctx->capacity &&
        grow((void **) &ctx->ids, &ctx->capacity, sizeof(*ctx->ids))) {
        dm_log(ERROR, "out of memory listing IDs");
        ctx->error = ANJAY_ERR_INTERNAL;
        return;
    }
    ctx->ids[ctx->count++] = id;
}

void anjay_dm_emit_res(anjay_dm_resource_list_ctx_t *ctx, anjay_rid_t rid,
                       anjay_dm_resource_kind_t kind,
                       anjay_dm_resource_presence_t presence) {
    if (!ctx || ctx->error) {
        return;
    }
    if (rid == ANJAY_ID_INVALID ||
        (ctx->count > 0 && ctx->items[ctx->count - 1].rid >= rid)) {
        dm_log(ERROR,
               "list_resources emitted Resource %u out of ascending order",
               (unsigned) rid);
        ctx->error = ANJAY_ERR_INTERNAL;
        return;
    }
    if ((unsigned) kind > (unsigned) ANJAY_DM_RES_BS_RW ||
        (presence != ANJAY_DM_RES_ABSENT && presence != ANJAY_DM_RES_PRESENT)) {
        dm_log(ERROR, "list_resources emitted Resource %u with invalid kind",
               (unsigned) rid);
        ctx->error = ANJAY_ERR_INTERNAL;
        return;
    }
    if (ctx->count == ctx->capacity &&
        grow((void **) &ctx->items, &ctx->capacity, sizeof(*ctx->items))) {
        dm_log(ERROR, "out of memory listing Resources");
        ctx->error = ANJAY_ERR_INTERNAL;
        return;
    }
    ctx->items[ctx->count].rid = rid;
    ctx->items[ctx->count].kind = kind;
    ctx->items[ctx->count].presence = presence;
    ++ctx->count;
}

void tern_dm_id_list_free(tern_dm_id_list_t *list) {
    avs_free(list->ids);
    list->ids = NULL;
    list->count = 0;
}

void tern_dm_res_list_free(tern_dm_res_list_t *list) {
    avs_free(list->items);
    list->items = NULL;
    list->count = 0;
}

bool tern_dm_kind_readable(anjay_dm_resource_kind_t kind) {
    return kind == ANJAY_DM_RES_R || kind == ANJAY_DM_RES_RW ||
           kind == ANJAY_DM_RES_RM || kind == ANJAY_DM_RES_RWM;
}

bool tern_dm_kind_writable(anjay_dm_resource_kind_t kind) {
    return kind == ANJAY_DM_RES_W || kind == ANJAY_DM_RES_RW ||
           kind == ANJAY_DM_RES_WM || kind == ANJAY_DM_RES_RWM;
}

bool tern_dm_kind_multiple(anjay_dm_resource_kind_t kind) {
    return kind == ANJAY_DM_RES_RM || kind == ANJAY_DM_RES_WM ||
           kind == ANJAY_DM_RES_RWM;
}

bool tern_dm_kind_executable(anjay_dm_resource_kind_t kind) {
    return kind == ANJAY_DM_RES_E;
}

/* A handler that returns success after a failed emit still fails. Call it
 * with the handler's result already computed: argument evaluation order is
 * unspecified. */
static int list_result(int handler_result, int ctx_error) {
    return handler_result ? handler_result : ctx_error;
}

int tern_dm_list_instances(anjay_t *anjay, tern_dm_object_t obj,
                           tern_dm_id_list_t *out) {
    anjay_dm_list_ctx_t ctx = {NULL, 0, 0, 0};
    int result = (*obj)->handlers.list_instances(anjay, obj, &ctx);
    result = list_result(result, ctx.error);
    if (result) {
        dm_log(DEBUG, "list_instances of /%u failed: %d",
               (unsigned) tern_dm_oid(obj), result);
        avs_free(ctx.ids);
        out->ids = NULL;
        out->count = 0;
        return result;
    }
    out->ids = ctx.ids;
    out->count = ctx.count;
    return 0;
}

static bool id_list_contains(const tern_dm_id_list_t *list, uint16_t id) {
    size_t lo = 0;
    size_t hi = list->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (list->ids[mid] == id) {
            return true;
        } else if (list->ids[mid] < id) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return false;
}

int tern_dm_instance_present(anjay_t *anjay, tern_dm_object_t obj,
                             anjay_iid_t iid) {
    tern_dm_id_list_t list;
    int result = tern_dm_list_instances(anjay, obj, &list);
    if (result) {
        return result;
    }
    result = id_list_contains(&list, iid) ? 1 : 0;
    tern_dm_id_list_free(&list);
    return result;
}

int tern_dm_list_resources(anjay_t *anjay, tern_dm_object_t obj,
                           anjay_iid_t iid, tern_dm_res_list_t *out) {
    anjay_dm_resource_list_ctx_t ctx = {NULL, 0, 0, 0};
    int result = (*obj)->handlers.list_resources(anjay, obj, iid, &ctx);
    result = list_result(result, ctx.error);
    if (result) {
        dm_log(DEBUG, "list_resources of /%u/%u failed: %d",
               (unsigned) tern_dm_oid(obj), (unsigned) iid, result);
        avs_free(ctx.items);
        out->items = NULL;
        out->count = 0;
        return result;
    }
    out->items = ctx.items;
    out->count = ctx.count;
    return 0;
}

int tern_dm_resource_info(anjay_t *anjay, tern_dm_object_t obj, anjay_iid_t iid,
                          anjay_rid_t rid, tern_dm_res_entry_t *out) {
    tern_dm_res_list_t list;
    int result = tern_dm_list_resources(anjay, obj, iid, &list);
    if (result) {
        return result;
    }
    result = ANJAY_ERR_NOT_FOUND;
    for (size_t i = 0; i < list.count; ++i) {
        if (list.items[i].rid == rid) {
            *out = list.items[i];
            result = 0;
            break;
        }
    }
    tern_dm_res_list_free(&list);
    return result;
}

int tern_dm_list_resource_instances(anjay_t *anjay, tern_dm_object_t obj,
                                    anjay_iid_t iid, anjay_rid_t rid,
                                    tern_dm_id_list_t *out) {
    out->ids = NULL;
    out->count = 0;
    if (!(*obj)->handlers.list_resource_instances) {
        dm_log(DEBUG, "/%u has no list_resource_instances handler",
               (unsigned) tern_dm_oid(obj));
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    anjay_dm_list_ctx_t ctx = {NULL, 0, 0, 0};
    int result = (*obj)->handlers.list_resource_instances(anjay, obj, iid, rid,
                                                          &ctx);
    result = list_result(result, ctx.error);
    if (result) {
        dm_log(DEBUG, "list_resource_instances of /%u/%u/%u failed: %d",
               (unsigned) tern_dm_oid(obj), (unsigned) iid, (unsigned) rid,
               result);
        avs_free(ctx.ids);
        return result;
    }
    out->ids = ctx.ids;
    out->count = ctx.count;
    return 0;
}

int tern_dm_resource_instance_present(anjay_t *anjay, tern_dm_object_t obj,
                                      anjay_iid_t iid, anjay_rid_t rid,
                                      anjay_riid_t riid) {
    tern_dm_id_list_t list;
    int result = tern_dm_list_resource_instances(anjay, obj, iid, rid, &list);
    if (result) {
        return result;
    }
    result = id_list_contains(&list, riid) ? 1 : 0;
    tern_dm_id_list_free(&list);
    return result;
}

static int missing_handler(tern_dm_object_t obj, const char *name) {
    dm_log(DEBUG, "/%u has no %s handler", (unsigned) tern_dm_oid(obj), name);
    return ANJAY_ERR_METHOD_NOT_ALLOWED;
}

int tern_dm_call_resource_read(anjay_t *anjay, tern_dm_object_t obj,
                               anjay_iid_t iid, anjay_rid_t rid,
                               anjay_riid_t riid, anjay_output_ctx_t *ctx) {
    if (!(*obj)->handlers.resource_read) {
        return missing_handler(obj, "resource_read");
    }
    return (*obj)->handlers.resource_read(anjay, obj, iid, rid, riid, ctx);
}

int tern_dm_call_resource_write(anjay_t *anjay, tern_dm_object_t obj,
                                anjay_iid_t iid, anjay_rid_t rid,
                                anjay_riid_t riid, anjay_input_ctx_t *ctx) {
    if (!(*obj)->handlers.resource_write) {
        return missing_handler(obj, "resource_write");
    }
    int result = tern_dm_transaction_include(anjay, obj);
    if (!result) {
        result = (*obj)->handlers.resource_write(anjay, obj, iid, rid, riid,
                                                 ctx);
    }
    return result;
}

int tern_dm_call_resource_execute(anjay_t *anjay, tern_dm_object_t obj,
                                  anjay_iid_t iid, anjay_rid_t rid,
                                  anjay_execute_ctx_t *ctx) {
    if (!(*obj)->handlers.resource_execute) {
        return missing_handler(obj, "resource_execute");
    }
    return (*obj)->handlers.resource_execute(anjay, obj, iid, rid, ctx);
}

int tern_dm_call_resource_reset(anjay_t *anjay, tern_dm_object_t obj,
                                anjay_iid_t iid, anjay_rid_t rid) {
    if (!(*obj)->handlers.resource_reset) {
        return missing_handler(obj, "resource_reset");
    }
    int result = tern_dm_transaction_include(anjay, obj);
    if (!result) {
        result = (*obj)->handlers.resource_reset(anjay, obj, iid, rid);
    }
    return result;
}

int tern_dm_call_instance_reset(anjay_t *anjay, tern_dm_object_t obj,
                                anjay_iid_t iid) {
    if (!(*obj)->handlers.instance_reset) {
        return missing_handler(obj, "instance_reset");
    }
    int result = tern_dm_transaction_include(anjay, obj);
    if (!result) {
        result = (*obj)->handlers.instance_reset(anjay, obj, iid);
    }
    return result;
}

int tern_dm_call_instance_create(anjay_t *anjay, tern_dm_object_t obj,
                                 anjay_iid_t iid) {
    if (!(*obj)->handlers.instance_create) {
        return missing_handler(obj, "instance_create");
    }
    int result = tern_dm_transaction_include(anjay, obj);
    if (!result) {
        result = (*obj)->handlers.instance_create(anjay, obj, iid);
    }
    return result;
}

int tern_dm_call_instance_remove(anjay_t *anjay, tern_dm_object_t obj,
                                 anjay_iid_t iid) {
    if (!(*obj)->handlers.instance_remove) {
        return missing_handler(obj, "instance_remove");
    }
    int result = tern_dm_transaction_include(anjay, obj);
    if (!result) {
        result = (*obj)->handlers.instance_remove(anjay, obj, iid);
    }
    return result;
}
