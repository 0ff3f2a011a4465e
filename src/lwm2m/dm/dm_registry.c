/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "../anjay_core.h"
#include "dm_log.h"

const anjay_dm_oi_attributes_t ANJAY_DM_OI_ATTRIBUTES_EMPTY = {
        .min_period = ANJAY_ATTRIB_INTEGER_NONE,
        .max_period = ANJAY_ATTRIB_INTEGER_NONE,
        .min_eval_period = ANJAY_ATTRIB_INTEGER_NONE,
        .max_eval_period = ANJAY_ATTRIB_INTEGER_NONE,
        .con = ANJAY_DM_CON_ATTR_NONE};

const anjay_dm_r_attributes_t ANJAY_DM_R_ATTRIBUTES_EMPTY = {
        .common = {.min_period = ANJAY_ATTRIB_INTEGER_NONE,
                   .max_period = ANJAY_ATTRIB_INTEGER_NONE,
                   .min_eval_period = ANJAY_ATTRIB_INTEGER_NONE,
                   .max_eval_period = ANJAY_ATTRIB_INTEGER_NONE,
                   .con = ANJAY_DM_CON_ATTR_NONE},
        .greater_than = ANJAY_ATTRIB_DOUBLE_NONE,
        .less_than = ANJAY_ATTRIB_DOUBLE_NONE,
        .step = ANJAY_ATTRIB_DOUBLE_NONE};

/* Index of the first Object whose ID is >= oid. */
static size_t lower_bound(const tern_dm_registry_t *registry, anjay_oid_t oid) {
    size_t lo = 0;
    size_t hi = registry->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tern_dm_oid(registry->objects[mid]) < oid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

tern_dm_object_t tern_dm_find_object(anjay_t *anjay, anjay_oid_t oid) {
    size_t index = lower_bound(&anjay->dm, oid);
    if (index < anjay->dm.count &&
        tern_dm_oid(anjay->dm.objects[index]) == oid) {
        return anjay->dm.objects[index];
    }
    return NULL;
}

/* "X.Y" with one or more digits on each side; servers parse it as such. */
static bool version_valid(const char *version) {
    const char *dot = strchr(version, '.');
    if (!dot || dot == version || !dot[1]) {
        return false;
    }
    for (const char *p = version; *p; ++p) {
        if (p != dot && (*p < '0' || *p > '9')) {
            return false;
        }
    }
    return true;
}

static int validate_def(const anjay_dm_object_def_t *const *def_ptr) {
    if (!def_ptr || !*def_ptr) {
        dm_log(ERROR, "cannot register a NULL Object definition");
        return -1;
    }
    const anjay_dm_object_def_t *def = *def_ptr;
    if (def->oid == ANJAY_ID_INVALID) {
        dm_log(ERROR, "cannot register an Object with ID 65535");
        return -1;
    }
    if (!def->handlers.list_instances || !def->handlers.list_resources) {
        dm_log(ERROR,
               "Object /%u lacks the list_instances or list_resources "
               "handler",
               (unsigned) def->oid);
        return -1;
    }
    if (def->version && !version_valid(def->version)) {
        dm_log(ERROR, "Object /%u has an invalid version \"%s\"",
               (unsigned) def->oid, def->version);
        return -1;
    }
    return 0;
}

int anjay_register_object(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *def_ptr) {
    if (!anjay || validate_def(def_ptr)) {
        return -1;
    }
    tern_dm_registry_t *registry = &anjay->dm;
    anjay_oid_t oid = (*def_ptr)->oid;
    size_t index = lower_bound(registry, oid);
    if (index < registry->count &&
        tern_dm_oid(registry->objects[index]) == oid) {
        dm_log(ERROR, "Object /%u is already registered", (unsigned) oid);
        return -1;
    }
    if (registry->count == registry->capacity) {
        size_t new_capacity = registry->capacity ? 2 * registry->capacity : 8;
        tern_dm_object_t *grown = (tern_dm_object_t *) avs_realloc(
                (void *) registry->objects, new_capacity * sizeof(*grown));
        if (!grown) {
            dm_log(ERROR, "out of memory registering Object /%u",
                   (unsigned) oid);
            return -1;
        }
        registry->objects = grown;
        registry->capacity = new_capacity;
    }
    memmove((void *) &registry->objects[index + 1],
            (const void *) &registry->objects[index],
            (registry->count - index) * sizeof(*registry->objects));
    registry->objects[index] = def_ptr;
    ++registry->count;
    tern_io_path_t path = tern_io_path_object(oid);
    (void) tern_dm_changes_record(anjay, TERN_DM_CHANGE_OBJECTS, &path,
                                  ANJAY_SSID_ANY);
    return 0;
}

int anjay_unregister_object(anjay_t *anjay,
                            const anjay_dm_object_def_t *const *def_ptr) {
    if (!anjay || !def_ptr || !*def_ptr) {
        dm_log(ERROR, "cannot unregister a NULL Object definition");
        return -1;
    }
    tern_dm_registry_t *registry = &anjay->dm;
    anjay_oid_t oid = (*def_ptr)->oid;
    size_t index = lower_bound(registry, oid);
    if (index >= registry->count || registry->objects[index] != def_ptr) {
        dm_log(ERROR, "Object /%u is not registered with this definition",
               (unsigned) oid);
        return -1;
    }
    memmove((void *) &registry->objects[index],
            (const void *) &registry->objects[index + 1],
            (registry->count - index - 1) * sizeof(*registry->objects));
    --registry->count;
    tern_io_path_t path = tern_io_path_object(oid);
    tern_attr_storage_remove_path(&anjay->attr_storage, &path);
    (void) tern_dm_changes_record(anjay, TERN_DM_CHANGE_OBJECTS, &path,
                                  ANJAY_SSID_ANY);
    return 0;
}

void tern_dm_registry_cleanup(tern_dm_registry_t *registry) {
    avs_free((void *) registry->objects);
    registry->objects = NULL;
    registry->count = 0;
    registry->capacity = 0;
}

int anjay_dm_list_instances_SINGLE(anjay_t *anjay,
                                   const anjay_dm_object_def_t *const *obj_ptr,
                                   anjay_dm_list_ctx_t *ctx) {
    (void) anjay;
    (void) obj_ptr;
    anjay_dm_emit(ctx, 0);
    return 0;
}

int anjay_dm_transaction_NOOP(anjay_t *anjay,
                              const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    (void) obj_ptr;
    return 0;
}
