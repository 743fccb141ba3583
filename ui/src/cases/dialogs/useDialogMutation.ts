/**
 * The save wiring every case dialog shared: run the dialog's mutation with the form's
 * input; when it succeeds hand over to `onDone` (usually the dialog's `onClose`); when it
 * fails put Rust's error beside its field, or in the form's alert. The dialogs mount when
 * opened, so nothing needs resetting after a save: closing discards the typed values.
 */
import type { UseMutationResult } from "@tanstack/react-query";
import type { ChangeEvent } from "react";

import { useFormErrors } from "./FormDialog";

export function useDialogMutation<TData, TError, TInput, TContext, F extends string>(
  mutation: UseMutationResult<TData, TError, TInput, TContext>,
  fields: readonly F[],
  onDone: (data: TData) => void,
) {
  const errors = useFormErrors(fields);

  const save = (input: TInput) => mutation.mutate(input, { onSuccess: (data) => onDone(data), onError: errors.fail });

  /** A text field's value, its error, and a change handler that clears the error. */
  const textField = (field: F, value: string, setValue: (value: string) => void) => ({
    value,
    error: errors.fieldErrors[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      setValue(event.currentTarget.value);
      errors.clear(field);
    },
  });

  return {
    errors,
    save,
    textField,
    /** For FormDialog: the save is running; the error that belongs to no field. */
    formProps: { pending: mutation.isPending, formError: errors.formError },
  };
}
