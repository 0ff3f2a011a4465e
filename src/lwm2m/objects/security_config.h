/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Turning a server account into the (D)TLS settings of a connection:
 * anjay_security_config_from_dm() for applications (downloads), and the
 * same conversion for the session layer.
 */
#ifndef TERN_LWM2M_SECURITY_CONFIG_H
#define TERN_LWM2M_SECURITY_CONFIG_H

#include <anjay/core.h>

#include "server_info.h"

/**
 * Fills @p out with the settings to reach the server of @p info: PSK or
 * certificate credentials (with the Server Public Key as the only trusted
 * certificate when given, the configured trust store otherwise), cipher
 * suites (/0/x/16, or the configured defaults) and SNI.
 *
 * @param anjay Client object (for the trust store and default suites).
 * @param info  The account; @p out points into it, so it must outlive
 *              every use of @p out.
 * @param out   Receives the settings.
 * @returns 0, or ANJAY_ERR_BAD_REQUEST for NoSec or incomplete credentials
 *          (logged).
 */
int tern_security_config_from_info(anjay_t *anjay,
                                   const tern_server_info_t *info,
                                   anjay_security_config_t *out);

/** Frees what anjay_security_config_from_dm() last handed out. */
void tern_security_config_cache_free(anjay_t *anjay);

#endif /* TERN_LWM2M_SECURITY_CONFIG_H */
