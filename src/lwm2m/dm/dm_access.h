/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Which server may touch which Object.
 *
 * Management servers never see the Security Object: it holds every
 * server's credentials. Requests on it answer 4.01 Unauthorized, as the
 * LwM2M access model prescribes for inaccessible Instances. Access Control
 * (Object 2) lists are not evaluated by Tern yet.
 */
#ifndef TERN_LWM2M_DM_ACCESS_H
#define TERN_LWM2M_DM_ACCESS_H

#include <anjay/dm.h>

#include "dm_log.h"

/**
 * @param ssid The requesting server (ANJAY_SSID_BOOTSTRAP for the Bootstrap
 *             Server).
 * @param oid  The Object the request targets.
 * @returns 0 if allowed, ANJAY_ERR_UNAUTHORIZED otherwise (logged).
 */
static inline int tern_dm_check_object_access(anjay_ssid_t ssid,
                                              anjay_oid_t oid) {
    if (oid == ANJAY_DM_OID_SECURITY && ssid != ANJAY_SSID_BOOTSTRAP) {
        dm_log(DEBUG, "server %u may not access the Security Object",
               (unsigned) ssid);
        return ANJAY_ERR_UNAUTHORIZED;
    }
    return 0;
}

#endif /* TERN_LWM2M_DM_ACCESS_H */
