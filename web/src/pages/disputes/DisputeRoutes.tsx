// 矛盾纠纷: the queue (矛调中心), registering, one dispute, its printable agreement.
import { Route, Routes } from 'react-router-dom';
import AgreementPrintPage from './AgreementPrintPage';
import DisputeDetailPage from './DisputeDetailPage';
import DisputeListPage from './DisputeListPage';
import RegisterDisputePage from './RegisterDisputePage';

export default function DisputeRoutes() {
  return (
    <Routes>
      <Route index element={<DisputeListPage />} />
      <Route path="new" element={<RegisterDisputePage />} />
      <Route path=":id" element={<DisputeDetailPage />} />
      <Route path=":id/agreement" element={<AgreementPrintPage />} />
    </Routes>
  );
}
