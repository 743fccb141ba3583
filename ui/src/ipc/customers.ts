/** Customer hooks: search (also the quick-create picker), one customer, create, update. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { commands, type Customer, type CustomerId, type CustomerInput } from "./bindings";
import { unwrap } from "./result";

export const customerKeys = {
  all: ["customers"] as const,
  search: (text: string, limit: number) => ["customers", "search", text, limit] as const,
  one: (id: CustomerId) => ["customers", "one", id] as const,
};

/** Customers matching `text` (all, by name, when empty). */
export function useCustomerSearch(text: string, limit = 50, enabled = true) {
  return useQuery({
    queryKey: customerKeys.search(text, limit),
    queryFn: async () => unwrap(await commands.customerSearch(text, limit)),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCustomer(id: CustomerId) {
  return useQuery({
    queryKey: customerKeys.one(id),
    queryFn: async () => unwrap(await commands.customerGet(id)),
  });
}

export function useCreateCustomer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: CustomerInput) => unwrap(await commands.customerCreate(input)),
    onSuccess: (customer: Customer) => {
      client.setQueryData(customerKeys.one(customer.id), customer);
      return client.invalidateQueries({ queryKey: ["customers", "search"] });
    },
  });
}

export function useUpdateCustomer(id: CustomerId) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: CustomerInput) => unwrap(await commands.customerUpdate(id, input)),
    // Names and VIP flags show in case lists and details too.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: customerKeys.all }),
        client.invalidateQueries({ queryKey: ["cases"] }),
      ]),
  });
}
