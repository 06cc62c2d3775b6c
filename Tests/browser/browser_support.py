"""What the browser test scripts (Tests/browser/test_*.py) share: the check runner, headless
Chromium from Debian's packages, and the closing summary line scripts/browser-test.sh reads."""

import os
import sys
import traceback

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


class Run:
    def __init__(self):
        self.passed = []
        self.failed = []

    def check(self, name, function):
        """Runs one named check; an AssertionError or WebDriver error fails it, the run goes on."""
        try:
            detail = function()
        except AssertionError as error:
            self.failed.append((name, str(error)))
            print(f"FAIL  {name}: {error}", flush=True)
            return False
        except Exception as error:  # noqa: BLE001 - any driver error is a failed check
            text = str(error).strip()
            message = f"{type(error).__name__}: {text.splitlines()[0] if text else ''}"
            self.failed.append((name, message))
            print(f"FAIL  {name}: {message}", flush=True)
            traceback.print_exc(limit=3, file=sys.stdout)
            return False
        self.passed.append(name)
        print(f"PASS  {name}" + (f" ({detail})" if detail else ""), flush=True)
        return True

    def finish(self, label, elapsed):
        """Prints the failed checks and the last line, `N passed, M failed`; the exit status."""
        if self.failed:
            print("FAILED checks:")
            for name, detail in self.failed:
                print(f"  - {name}: {detail}")
        print(f"{label} {'PASSED' if not self.failed else 'FAILED'} in {elapsed:.1f} s")
        print(f"{len(self.passed)} passed, {len(self.failed)} failed")
        return 1 if self.failed else 0


def make_chromium(window, javascript=True, browser_log=False):
    """Headless Chromium at `window` (width, height) pixels, scale 1, English."""
    options = webdriver.ChromeOptions()
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-US",
                     f"--window-size={window[0]},{window[1]}"):
        options.add_argument(argument)
    if browser_log:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    return driver
