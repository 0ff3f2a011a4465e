/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* A translation unit built as if TERN_WITH_LOGS were OFF, to check that
 * disabled avs_log() calls vanish without evaluating their arguments. */
#include <avsystem/commons/avs_commons_config.h>
#undef AVS_COMMONS_WITH_LOGS
#include <avsystem/commons/avs_log.h>

void log_with_logs_compiled_out(int *side_effect);

void log_with_logs_compiled_out(int *side_effect) {
    avs_log(compiled_out, ERROR, "never printed %d", ++*side_effect);
}
