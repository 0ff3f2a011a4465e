/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Notification attributes as the data model sees them: from the Object's
 * *_attrs handlers when it has them, from the built-in storage otherwise;
 * and the effective attributes of a path, which the session layer uses to
 * plan notifications.
 */
#ifndef TERN_LWM2M_DM_ATTRIBUTES_H
#define TERN_LWM2M_DM_ATTRIBUTES_H

#include <anjay/dm.h>

#include "../io/io_path.h"
#include "dm_registry.h"

/**
 * Returns what @p ssid set on exactly @p path.
 *
 * @param anjay Client object.
 * @param obj   The Object of @p path.
 * @param path  /oid, /oid/iid, /oid/iid/rid or /oid/iid/rid/riid.
 * @param ssid  The server.
 * @param out   Receives the attributes; at Object and Instance level only
 *              @c common is meaningful.
 * @returns 0 or the handler's error.
 */
int tern_dm_read_attrs(anjay_t *anjay, tern_dm_object_t obj,
                       const tern_io_path_t *path, anjay_ssid_t ssid,
                       anjay_dm_r_attributes_t *out);

/**
 * Replaces what @p ssid set on exactly @p path.
 *
 * @param anjay Client object.
 * @param obj   The Object of @p path.
 * @param path  /oid, /oid/iid, /oid/iid/rid or /oid/iid/rid/riid.
 * @param ssid  The server.
 * @param attrs The attributes.
 * @returns 0 or the handler's (or storage's) error.
 */
int tern_dm_write_attrs(anjay_t *anjay, tern_dm_object_t obj,
                        const tern_io_path_t *path, anjay_ssid_t ssid,
                        const anjay_dm_r_attributes_t *attrs);

/**
 * The attributes that apply to an observation of @p path by @p ssid: each
 * attribute from the most specific level that sets it (Resource Instance,
 * Resource, Instance, Object), then, if still unset, pmin and pmax from
 * the server's Default Minimum / Maximum Period (/1/x/2, /1/x/3).
 *
 * @param anjay                Client object.
 * @param path                 A registered Object or anything below it.
 * @param ssid                 The observing server.
 * @param with_server_defaults Whether to apply the Server Object defaults.
 * @param out                  Receives the attributes.
 * @returns 0, ANJAY_ERR_NOT_FOUND for an unknown Object, or a handler's
 *          error.
 */
int tern_dm_effective_attrs(anjay_t *anjay, const tern_io_path_t *path,
                            anjay_ssid_t ssid, bool with_server_defaults,
                            anjay_dm_r_attributes_t *out);

#endif /* TERN_LWM2M_DM_ATTRIBUTES_H */
