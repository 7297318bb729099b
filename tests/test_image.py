"""The cluster profiles run the image `make image` builds: its name carries the project's version.
(`make image-test` builds the sample inside the image and compares the outputs with a local build.)"""

import re
import subprocess
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def built_image():
    """The name `make image` gives the image, as make would run it (dry run: nothing is built)."""
    dry_run = subprocess.run(["make", "-n", "image"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return re.search(r"scripts/image\.sh (\S+)", dry_run).group(1)


def test_the_image_is_named_after_the_projects_version():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert built_image() == f"galley:{version}"


def test_the_kubernetes_profile_runs_the_built_image():
    profile = yaml.safe_load((ROOT / "profiles/kubernetes/config.yaml").read_text())
    assert profile["container-image"].endswith("/" + built_image())


def test_the_slurm_container_option_names_the_built_image():
    option = re.search(r"--container-image=(\S+)", (ROOT / "profiles/slurm/config.yaml").read_text())
    assert option, "profiles/slurm/config.yaml: no --container-image option"
    # enroot writes registry#path where other tools write registry/path
    assert option.group(1).replace("#", "/").endswith("/" + built_image())
