/** Renders the whole app (real providers and router) at a route, for tests. */
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { App, createQueryClient } from "../App";
import { createI18n } from "../i18n";

export function renderApp(path = "/cases") {
  window.location.hash = `#${path}`;
  const i18n = createI18n();
  const user = userEvent.setup();
  const result = render(<App i18n={i18n} queryClient={createQueryClient()} mantineEnv="test" />);
  return { ...result, user, i18n };
}
