import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Link, Outlet, createMemoryRouter, useLocation } from "react-router";
import { RouterProvider } from "react-router/dom";
import { beforeEach, describe, expect, it } from "vitest";

import { KeptPageSlot, KeptPages, usePrerenderPage, type KeptPage } from "./KeptPages";

const renders = { a: 0, b: 0 };

function Page({ name }: { name: "a" | "b" }) {
  renders[name] += 1;
  const location = useLocation();
  const prerender = usePrerenderPage();
  return (
    <section aria-label={`page ${name}`}>
      <p>{`${name} sees ${location.pathname}${location.search}`}</p>
      <input aria-label={`${name} note`} />
      <button type="button" onClick={() => prerender("/b")}>
        draw b ahead
      </button>
    </section>
  );
}

const PAGES: readonly KeptPage[] = [
  { path: "/a", element: <Page name="a" /> },
  { path: "/b", element: <Page name="b" /> },
];

function Layout() {
  return (
    <>
      <nav>
        <Link to="/b">open b</Link>
        <Link to="/c?y=1">open c</Link>
        <Link to="/c?y=2">open c again</Link>
      </nav>
      <KeptPages pages={PAGES} />
      <Outlet />
    </>
  );
}

function renderKept(path: string) {
  const router = createMemoryRouter(
    [
      {
        path: "/",
        element: <Layout />,
        children: [
          { path: "a", Component: KeptPageSlot },
          { path: "b", Component: KeptPageSlot },
          { path: "c", element: <p>page c</p> },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  render(<RouterProvider router={router} />);
  return { router, user: userEvent.setup() };
}

// By its label: a hidden element has no accessible name to find it by.
function page(name: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`section[aria-label="page ${name}"]`);
  if (!found) throw new Error(`page ${name} is not drawn`);
  return found;
}

describe("kept pages", () => {
  beforeEach(() => {
    renders.a = 0;
    renders.b = 0;
  });

  it("hides the page it leaves and shows it again as it was left", async () => {
    const { router, user } = renderKept("/a?x=1");
    await user.type(screen.getByRole("textbox", { name: "a note" }), "call back at 3");
    await user.click(screen.getByRole("link", { name: "open c" }));
    expect(await screen.findByText("page c")).toBeVisible();
    expect(page("a")).not.toBeVisible();
    expect(screen.queryByRole("textbox", { name: "a note" })).toBeNull();

    await act(() => router.navigate(-1));
    await waitFor(() => expect(page("a")).toBeVisible());
    expect(screen.getByRole("textbox", { name: "a note" })).toHaveValue("call back at 3");
    expect(screen.getByText("a sees /a?x=1")).toBeVisible();
  });

  it("leaves a hidden page at the location it was last shown at, whatever is open", async () => {
    const { user } = renderKept("/a?x=1");
    await user.click(screen.getByRole("link", { name: "open c" }));
    await screen.findByText("page c");
    await user.click(screen.getByRole("link", { name: "open c again" }));
    // React redraws the hidden page when the router's location changes: it must still see its own.
    await waitFor(() => expect(renders.a).toBeGreaterThan(1));
    expect(screen.getByText("a sees /a?x=1")).not.toBeVisible();
  });

  it("draws a page ahead, hidden, at its own path; opening it there only shows it", async () => {
    const { user } = renderKept("/a");
    expect(() => page("b")).toThrow();
    await user.click(screen.getByRole("button", { name: "draw b ahead" }));
    await waitFor(() => expect(page("b")).toBeInTheDocument());
    expect(page("b")).not.toBeVisible();
    expect(screen.getByText("b sees /b")).not.toBeVisible();
    const drawn = renders.b;
    expect(drawn).toBeGreaterThan(0);

    await user.click(screen.getByRole("link", { name: "open b" }));
    await waitFor(() => expect(page("b")).toBeVisible());
    expect(page("a")).not.toBeVisible();
    expect(renders.b).toBe(drawn);
  });

  it("draws a page only once it is opened or asked for", async () => {
    renderKept("/c?y=1");
    expect(await screen.findByText("page c")).toBeVisible();
    expect(document.querySelector("section")).toBeNull();
    expect(renders).toEqual({ a: 0, b: 0 });
  });
});
