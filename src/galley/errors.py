"""The one exception the pipeline raises for bad input: it names the file, the place, the fix."""


class InputError(Exception):
    """Input the pipeline cannot use. The message says where and what to do."""

    def __init__(self, path, problem, fix, line=None):
        self.path, self.problem, self.fix, self.line = str(path), problem, fix, line
        place = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{place}: {problem}. {fix}")
