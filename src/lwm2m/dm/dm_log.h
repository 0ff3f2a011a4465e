/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Logging of the data model (module "dm"). Rejections of server requests
 * are logged at DEBUG: the response code already tells the server, and a
 * server must not be able to flood the log; misbehaving application
 * handlers are logged at WARNING or ERROR. */
#ifndef TERN_LWM2M_DM_LOG_H
#define TERN_LWM2M_DM_LOG_H

#include <avsystem/commons/avs_log.h>

#define dm_log(Level, ...) avs_log(dm, Level, __VA_ARGS__)

#endif /* TERN_LWM2M_DM_LOG_H */
