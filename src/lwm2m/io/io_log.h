/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Logging of the codecs. Rejections of peer input are logged at DEBUG: a
 * hostile peer must not be able to flood the log, and the caller that maps
 * the status to a CoAP response logs the outcome itself. */
#ifndef TERN_LWM2M_IO_LOG_H
#define TERN_LWM2M_IO_LOG_H

#include <avsystem/commons/avs_log.h>

#define io_log(Level, ...) avs_log(lwm2m_io, Level, __VA_ARGS__)

#endif /* TERN_LWM2M_IO_LOG_H */
