// 心理服务: the referrals this unit stands to, a new referral, one referral.
import { Route, Routes } from 'react-router-dom';
import NewReferralPage from './NewReferralPage';
import PsychDetailPage from './PsychDetailPage';
import PsychListPage from './PsychListPage';

export default function PsychRoutes() {
  return (
    <Routes>
      <Route index element={<PsychListPage />} />
      <Route path="new" element={<NewReferralPage />} />
      <Route path=":id" element={<PsychDetailPage />} />
    </Routes>
  );
}
