/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The whole LwM2M client API: the core, the data model and value I/O, the
 * built-in Security and Server Objects, the attribute storage, traffic
 * statistics and LwM2M Send.
 */
#ifndef ANJAY_INCLUDE_ANJAY_ANJAY_H
#define ANJAY_INCLUDE_ANJAY_ANJAY_H

#include <anjay/anjay_config.h>
#include <anjay/attr_storage.h>
#include <anjay/core.h>
#include <anjay/dm.h>
#include <anjay/io.h>
#include <anjay/security.h>
#include <anjay/server.h>
#include <anjay/stats.h>
/* Last: it includes this header back and needs everything above. */
#include <anjay/lwm2m_send.h>

#endif /* ANJAY_INCLUDE_ANJAY_ANJAY_H */
