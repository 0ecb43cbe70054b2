#!/bin/bash
add_sidecar_registry ${TMPF}
