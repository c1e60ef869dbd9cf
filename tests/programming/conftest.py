from tests.tools.conftest import _english, _fresh_rate_limits, diagnosis, tickets, tools, vehicle  # noqa: F401
