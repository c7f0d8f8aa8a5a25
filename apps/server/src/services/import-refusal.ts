import { ChaparError } from '@chapar/api';
import type { ImportError } from '../import/index';

/** A file the importer refused, as the API reports it: BAD_REQUEST on `file`, reason `IMPORT_<code>`. */
export function refusedImport(error: ImportError): ChaparError {
  return new ChaparError('BAD_REQUEST', `IMPORT_${error.code}`, error.message, {
    params: error.params,
    field: 'file',
  });
}
