/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* SenML JSON decoder: see lwm2m_senml_fuzz_body.h. */

#define FMT TERN_IO_FMT_SENML_JSON
#include "lwm2m_senml_fuzz_body.h"
