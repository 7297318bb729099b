#!/usr/bin/env bash
# A "cluster" submit command that runs the job script on this machine, in the background, and
# prints a job id, as sbatch or qsub would. For profiles/local-cluster.
set -euo pipefail
jobscript="$1"
mkdir -p .snakemake/local-cluster
log=".snakemake/local-cluster/$(basename "$jobscript").log"
nohup bash "$jobscript" > "$log" 2>&1 &
echo "$!"
