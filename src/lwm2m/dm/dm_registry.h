/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The set of registered Objects, kept sorted by Object ID.
 */
#ifndef TERN_LWM2M_DM_REGISTRY_H
#define TERN_LWM2M_DM_REGISTRY_H

#include <anjay/dm.h>

/** A registered Object: the exact pointer the application registered. */
typedef const anjay_dm_object_def_t *const *tern_dm_object_t;

/** Registered Objects in ascending Object ID order. */
typedef struct {
    /** The Objects. */
    tern_dm_object_t *objects;
    /** How many there are. */
    size_t count;
    /** Allocated slots of @c objects. */
    size_t capacity;
} tern_dm_registry_t;

/** Frees the registry (not the Objects, which belong to their owners). */
void tern_dm_registry_cleanup(tern_dm_registry_t *registry);

/**
 * Finds a registered Object.
 *
 * @param anjay Client object.
 * @param oid   Object ID.
 * @returns The Object, or NULL if none has that ID.
 */
tern_dm_object_t tern_dm_find_object(anjay_t *anjay, anjay_oid_t oid);

/** The Object ID of a registered Object. */
static inline anjay_oid_t tern_dm_oid(tern_dm_object_t obj) {
    return (*obj)->oid;
}

#endif /* TERN_LWM2M_DM_REGISTRY_H */
