/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file avs_errno_map.h
 * Translation of the platform's errno values into @ref avs_errno_t.
 */
#ifndef AVS_COMMONS_ERRNO_MAP_H
#define AVS_COMMONS_ERRNO_MAP_H

#include <avsystem/commons/avs_errno.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Maps a platform errno value (e.g. ECONNREFUSED) to its portable code.
 * 0 maps to AVS_NO_ERROR; anything unknown to AVS_UNKNOWN_ERROR.
 * EWOULDBLOCK maps to AVS_EAGAIN and EOPNOTSUPP to AVS_ENOTSUP.
 */
avs_errno_t avs_map_errno(int errno_value);

#ifdef __cplusplus
}
#endif

#endif /* AVS_COMMONS_ERRNO_MAP_H */
